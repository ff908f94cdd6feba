import type { PanelPicture } from './panelModel';
import { classPixelsWithAlpha } from './palette';
import { renderPoints, type AxisMap, type PixelTarget } from './points';

/** A point's side in CSS pixels: 70,000 of them still read as clouds, a lone one stays visible. */
export const DOT = 2;

/** Alpha of the points outside a highlighted confusion cell. */
const DIM_ALPHA = 56;

/** A CSS-pixel axis map at `scale` device pixels per CSS pixel, shifted so a dot of side `dot` is centred on its point. */
function deviceMap(m: AxisMap, scale: number, dot: number): AxisMap {
  return { scale: m.scale * scale, offset: m.offset * scale - dot / 2 };
}

/**
 * Draws a picture's points into a pixel buffer `scale` times its CSS size (the device pixel ratio,
 * or an export's 1×/2×/4×). Under a highlight the kept points go dim and the highlighted ones are
 * drawn on top in full colour. Returns how many points were drawn in full colour.
 */
export function paintPoints(target: PixelTarget, pic: PanelPicture, scale: number): number {
  const dot = Math.max(1, Math.round(DOT * scale)),
    { sample, theme, keep, highlight } = pic;
  const mx = deviceMap(pic.maps.mx, scale, dot),
    my = deviceMap(pic.maps.my, scale, dot);
  if (!highlight)
    return renderPoints(target, sample.features, sample.labels, theme.classPixels, mx, my, dot, keep ?? undefined);
  renderPoints(
    target,
    sample.features,
    sample.labels,
    classPixelsWithAlpha(theme.classes, DIM_ALPHA),
    mx,
    my,
    dot,
    keep ?? undefined,
  );
  return renderPoints(target, sample.features, sample.labels, theme.classPixels, mx, my, dot, highlight);
}
