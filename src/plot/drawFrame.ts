import { squareDomain, type Domain } from './domain';
import { CLASS_PIXELS } from './palette';
import { axisMap, renderPoints } from './points';

/** Size of a plot in CSS pixels and the device pixel ratio of its canvas. */
export interface PlotSize { width: number; height: number; dpr: number }

/** Draws a frame's points onto a 2-D canvas as one pixel buffer; returns the domain used and the count drawn. */
export function drawScatter(ctx: CanvasRenderingContext2D, size: PlotSize, xy: Float32Array, labels: Uint8Array): { domain: Domain; drawn: number } {
  const w = Math.round(size.width * size.dpr), h = Math.round(size.height * size.dpr);
  const image = ctx.createImageData(w, h);
  const domain = squareDomain(xy);
  const pixels = new Uint32Array(image.data.buffer);
  const dot = Math.max(3, Math.round(3 * size.dpr));
  const drawn = renderPoints({ pixels, width: w, height: h }, xy, labels, CLASS_PIXELS, axisMap(domain.x, [0, w - dot]), axisMap(domain.y, [h - dot, 0]), dot);
  ctx.putImageData(image, 0, 0);
  return { domain, drawn };
}
