import { paintPoints } from '../plot/panelPoints';
import { FONT, type FieldItem, type PointsItem, type Scene, type SceneItem } from '../plot/scene';
import { pointsAsImage, sceneToSvg } from '../plot/svg';
import { unhandled } from '../trainer/shared/protocol';
import { dataUrl, encodePng } from './png';

/** An RGBA pixel buffer and its size. */
interface Raster {
  pixels: Uint32Array;
  width: number;
  height: number;
}

/** A points item drawn at `scale` device pixels per CSS pixel onto a transparent buffer. */
function rasterizePoints(item: PointsItem, scale: number): Raster {
  const side = Math.round(item.picture.size * scale),
    pixels = new Uint32Array(side * side);
  paintPoints({ pixels, width: side, height: side }, item.picture, scale);
  return { pixels, width: side, height: side };
}

/** A field item's own small image (the output stretches it). */
function fieldRaster(item: FieldItem): Raster {
  return { pixels: item.pixels, width: item.nx, height: item.ny };
}

/** Every field and points item of a scene, groups included, in drawing order. */
function imageItems(items: readonly SceneItem[]): (FieldItem | PointsItem)[] {
  return items.flatMap((i) =>
    i.kind === 'group' ? imageItems(i.items) : i.kind === 'field' || i.kind === 'points' ? [i] : [],
  );
}

/** The image items an SVG must embed as pictures: every field, and points items with too many points for vectors. */
function svgImageItems(scene: Scene): (FieldItem | PointsItem)[] {
  return imageItems(scene.items).filter((i) => i.kind === 'field' || pointsAsImage(i));
}

/** A 2-D context of either canvas kind. */
export type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The export scales offered: 1×, 2× and 4× the figure's CSS size. */
export type PngScale = 1 | 2 | 4;

/** A raster as a canvas image source (putImageData ignores transforms, drawImage does not). */
function rasterImage(r: Raster): OffscreenCanvas {
  const canvas = new OffscreenCanvas(r.width, r.height),
    ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('exportPng: no 2-D context');
  const image = ctx.createImageData(r.width, r.height);
  new Uint32Array(image.data.buffer).set(r.pixels);
  ctx.putImageData(image, 0, 0);
  return canvas;
}

/** Draws a text item, turned a quarter left when vertical. */
function paintText(ctx: Ctx, t: Extract<SceneItem, { kind: 'text' }>): void {
  ctx.save();
  ctx.font = `${t.bold ? 'bold ' : ''}${t.size}px ${FONT}`;
  ctx.fillStyle = t.fill;
  ctx.textAlign = t.anchor === 'middle' ? 'center' : t.anchor === 'end' ? 'right' : 'left';
  ctx.translate(t.x, t.y);
  if (t.vertical) ctx.rotate(-Math.PI / 2);
  ctx.fillText(t.text, 0, 0);
  ctx.restore();
}

/** Strokes and fills a path item. */
function paintPath(ctx: Ctx, p: Extract<SceneItem, { kind: 'path' }>): void {
  const path = new Path2D(p.d);
  ctx.save();
  ctx.globalAlpha = p.opacity ?? 1;
  ctx.setLineDash(p.dash ? p.dash.split(' ').map(Number) : []);
  ctx.lineWidth = p.width ?? 1;
  if (p.fill) {
    ctx.fillStyle = p.fill;
    ctx.fill(path);
  }
  if (p.stroke) {
    ctx.strokeStyle = p.stroke;
    ctx.stroke(path);
  }
  ctx.restore();
}

/** Draws one item in CSS units under the context's transform; points render at `scale` so they map 1:1 to pixels. */
function paintItem(ctx: Ctx, item: SceneItem, scale: number): void {
  switch (item.kind) {
    case 'rect':
      if (item.fill) {
        ctx.fillStyle = item.fill;
        ctx.fillRect(item.x, item.y, item.w, item.h);
      }
      if (item.stroke) {
        ctx.strokeStyle = item.stroke;
        ctx.lineWidth = 1;
        ctx.strokeRect(item.x, item.y, item.w, item.h);
      }
      return;
    case 'path':
      return paintPath(ctx, item);
    case 'text':
      return paintText(ctx, item);
    case 'field':
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(rasterImage(fieldRaster(item)), item.x, item.y, item.w, item.h);
      return;
    case 'points':
      ctx.drawImage(rasterImage(rasterizePoints(item, scale)), item.x, item.y, item.picture.size, item.picture.size);
      return;
    case 'group':
      ctx.save();
      ctx.translate(item.x, item.y);
      if (item.clip) {
        ctx.beginPath();
        ctx.rect(0, 0, item.clip.w, item.clip.h);
        ctx.clip();
      }
      item.items.forEach((i) => paintItem(ctx, i, scale));
      ctx.restore();
      return;
    default:
      // A new kind of scene item is a compile error here until it is painted.
      return unhandled(item);
  }
}

/** Paints a scene onto a context at `scale` device pixels per CSS pixel, background first (a PNG, or a frame of an animation). */
export function paintScene(ctx: Ctx, scene: Scene, scale: number): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.fillStyle = scene.background;
  ctx.fillRect(0, 0, scene.width, scene.height);
  scene.items.forEach((i) => paintItem(ctx, i, scale));
  ctx.restore();
}

/** A PNG of the figure at 1×, 2× or 4× its CSS size (needs a browser: OffscreenCanvas). */
export async function exportPng(scene: Scene, scale: PngScale = 2): Promise<Blob> {
  const canvas = new OffscreenCanvas(Math.ceil(scene.width * scale), Math.ceil(scene.height * scale));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('exportPng: no 2-D context');
  paintScene(ctx, scene, scale);
  return canvas.convertToBlob({ type: 'image/png' });
}

/**
 * A standalone SVG of a figure: ellipses, boundaries, axes, legend and caption as vectors; the
 * decision field and (when there are many) the points as embedded PNG images, the points drawn at
 * `rasterScale` pixels per unit so they stay crisp when printed.
 */
export async function exportSvg(scene: Scene, rasterScale = 2): Promise<string> {
  const hrefs = new Map<SceneItem, string>();
  for (const item of svgImageItems(scene)) {
    const r = item.kind === 'field' ? fieldRaster(item) : rasterizePoints(item, rasterScale);
    hrefs.set(item, dataUrl(await encodePng(r.pixels, r.width, r.height)));
  }
  return sceneToSvg(scene, hrefs);
}
