import { NO_ZOOM, type ZoomLike } from '../math/zoom';
import { axisMap, type AxisMap } from './points';

/** A data-space rectangle: [xmin, xmax] and [ymin, ymax]. */
export interface Domain {
  x: [number, number];
  y: [number, number];
}

/**
 * The square domain around several interleaved point sets (e.g. a head's train and test samples, so
 * they share axes), padded by `pad` of its side: both axes share one unit so circles stay round and
 * ellipses keep their shape.
 */
export function squareDomainOf(sets: readonly Float32Array[], pad = 0.06): Domain {
  let x0 = Infinity,
    x1 = -Infinity,
    y0 = Infinity,
    y1 = -Infinity;
  for (const xy of sets) {
    for (let i = 0; i + 1 < xy.length; i += 2) {
      const x = xy[i]!,
        y = xy[i + 1]!;
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (x0 > x1) return { x: [-1, 1], y: [-1, 1] };
  const half = (Math.max(x1 - x0, y1 - y0, 1e-6) / 2) * (1 + 2 * pad);
  const cx = (x0 + x1) / 2,
    cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}

/** Data → pixel maps of a width × height plot showing `domain` (y drawn upward), then zoomed by `t`. */
export function plotMaps(
  domain: Domain,
  width: number,
  height: number,
  t: ZoomLike = NO_ZOOM,
): { mx: AxisMap; my: AxisMap } {
  const bx = axisMap(domain.x, [0, width]),
    by = axisMap(domain.y, [height, 0]);
  return {
    mx: { scale: t.k * bx.scale, offset: t.k * bx.offset + t.x },
    my: { scale: t.k * by.scale, offset: t.k * by.offset + t.y },
  };
}

/** The data-space rectangle that maps onto [0, width] × [0, height]: what a (zoomed) plot shows. */
export function shownDomain(mx: AxisMap, my: AxisMap, width: number, height: number): Domain {
  const inv = (m: AxisMap, p: number) => (p - m.offset) / m.scale;
  const xs = [inv(mx, 0), inv(mx, width)].sort((a, b) => a - b),
    ys = [inv(my, 0), inv(my, height)].sort((a, b) => a - b);
  return { x: [xs[0]!, xs[1]!], y: [ys[0]!, ys[1]!] };
}
