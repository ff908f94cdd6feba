import { axisTicks } from '../plot/axes';
import { squareDomain } from '../plot/domain';
import { LIGHT, packRgba } from '../plot/palette';
import { axisMap, renderPoints, type AxisMap } from '../plot/points';

/** Plot side and margins in CSS pixels; the PNG has SCALE device pixels per CSS pixel. */
const SIDE = 300;
const MARGIN = { left: 48, right: 12, top: 44, bottom: 34 };
/** Baselines of the heading's two rows above the plot: the title, then the colour legend. */
const TITLE_Y = -31;
const LEGEND_Y = -12;
const LEGEND_STEP = 11;
const SCALE = 2;
const DOT = 3 * SCALE;
const FONT = '11px sans-serif';

/** The points as one pixel buffer on white, at device resolution (the app's hot-path renderer). */
function pointsImage(
  ctx: CanvasRenderingContext2D,
  xy: Float32Array,
  labels: Uint8Array,
  mx: AxisMap,
  my: AxisMap,
): ImageData {
  const side = SIDE * SCALE;
  const image = ctx.createImageData(side, side);
  const pixels = new Uint32Array(image.data.buffer).fill(packRgba(LIGHT.background));
  const dev = (m: AxisMap): AxisMap => ({ scale: m.scale * SCALE, offset: m.offset * SCALE - DOT / 2 });
  renderPoints({ pixels, width: side, height: side }, xy, labels, LIGHT.classPixels, dev(mx), dev(my), DOT);
  return image;
}

/** A frame around the plot and nice ticks on its left and bottom edges, in CSS pixels from the plot's corner. */
function drawAxes(ctx: CanvasRenderingContext2D, mx: AxisMap, my: AxisMap): void {
  ctx.strokeStyle = LIGHT.axis;
  ctx.fillStyle = LIGHT.text;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, SIDE - 1, SIDE - 1);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of axisTicks(mx, 0, SIDE, 5)) {
    ctx.beginPath();
    ctx.moveTo(t.px, SIDE);
    ctx.lineTo(t.px, SIDE + 4);
    ctx.stroke();
    ctx.fillText(t.label, t.px, SIDE + 6);
  }
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of axisTicks(my, SIDE, 0, 5)) {
    ctx.beginPath();
    ctx.moveTo(-4, t.px);
    ctx.lineTo(0, t.px);
    ctx.stroke();
    ctx.fillText(t.label, -6, t.px);
  }
}

/**
 * The title on its own row (narrowed to the plot's width if it is longer), and under it, on the
 * right, the ten digits in their colours: the legend. Two rows, so a long title never runs into it.
 */
function drawHeading(ctx: CanvasRenderingContext2D, title: string): void {
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillStyle = LIGHT.text;
  ctx.fillText(title, 0, TITLE_Y, SIDE);
  ctx.textAlign = 'center';
  LIGHT.classes.forEach((color, digit) => {
    ctx.fillStyle = color;
    ctx.fillText(String(digit), SIDE - LEGEND_STEP * (LIGHT.classes.length - 1 - digit) - 4, LEGEND_Y);
  });
}

/**
 * A Fig.-2-style panel as a PNG data URL: one head's 2-D features coloured by digit on white,
 * square axes (one unit on both, so clusters keep their shape), title and colour legend.
 */
export function panelPng(features: number[], labels: number[], title: string): string {
  const canvas = document.createElement('canvas');
  canvas.width = (SIDE + MARGIN.left + MARGIN.right) * SCALE;
  canvas.height = (SIDE + MARGIN.top + MARGIN.bottom) * SCALE;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = LIGHT.background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  const xy = Float32Array.from(features),
    domain = squareDomain(xy);
  const mx = axisMap(domain.x, [0, SIDE]),
    my = axisMap(domain.y, [SIDE, 0]);
  ctx.putImageData(pointsImage(ctx, xy, Uint8Array.from(labels), mx, my), MARGIN.left * SCALE, MARGIN.top * SCALE);
  ctx.scale(SCALE, SCALE);
  ctx.translate(MARGIN.left, MARGIN.top);
  ctx.font = FONT;
  drawAxes(ctx, mx, my);
  drawHeading(ctx, title);
  return canvas.toDataURL('image/png');
}
