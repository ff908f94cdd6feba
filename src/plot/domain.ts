/** A data-space rectangle: [xmin, xmax] and [ymin, ymax]. */
export interface Domain { x: [number, number]; y: [number, number] }

/**
 * The square domain around interleaved points, padded by `pad` of its side:
 * both axes share one unit so circles stay round and ellipses keep their shape.
 */
export function squareDomain(xy: Float32Array, pad = 0.06): Domain {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    const x = xy[i]!, y = xy[i + 1]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x0 > x1) return { x: [-1, 1], y: [-1, 1] };
  const half = (Math.max(x1 - x0, y1 - y0, 1e-6) / 2) * (1 + 2 * pad);
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  return { x: [cx - half, cx + half], y: [cy - half, cy + half] };
}
