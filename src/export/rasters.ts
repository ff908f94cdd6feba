import { paintPoints } from '../plot/panelPoints';
import type { FieldItem, PointsItem, Scene, SceneItem } from './scene';
import { pointsAsImage } from './svg';

/** An RGBA pixel buffer and its size. */
export interface Raster {
  pixels: Uint32Array;
  width: number;
  height: number;
}

/** A points item drawn at `scale` device pixels per CSS pixel onto a transparent buffer. */
export function rasterizePoints(item: PointsItem, scale: number): Raster {
  const side = Math.round(item.picture.size * scale),
    pixels = new Uint32Array(side * side);
  paintPoints({ pixels, width: side, height: side }, item.picture, scale);
  return { pixels, width: side, height: side };
}

/** A field item's own small image (the output stretches it). */
export function fieldRaster(item: FieldItem): Raster {
  return { pixels: item.pixels, width: item.nx, height: item.ny };
}

/** Every field and points item of a scene, groups included, in drawing order. */
function imageItems(items: readonly SceneItem[]): (FieldItem | PointsItem)[] {
  return items.flatMap((i) =>
    i.kind === 'group' ? imageItems(i.items) : i.kind === 'field' || i.kind === 'points' ? [i] : [],
  );
}

/** The image items an SVG must embed as pictures: every field, and points items with too many points for vectors. */
export function svgImageItems(scene: Scene): (FieldItem | PointsItem)[] {
  return imageItems(scene.items).filter((i) => i.kind === 'field' || pointsAsImage(i));
}
