import type { FieldGrid } from './decisionField';
import { px } from './format';

/**
 * Where the boundary between the classes a and b crosses the grid edge p–q: the zero of
 * s_a − s_b, linear between the two cell centres (exact for the linear heads' straight lines,
 * close for the Gaussian heads' conics). Returns the fraction of the way from p to q.
 */
function crossing(scores: Float32Array, numClasses: number, p: number, q: number, a: number, b: number): number {
  const dp = scores[p * numClasses + a]! - scores[p * numClasses + b]!;
  const dq = scores[q * numClasses + a]! - scores[q * numClasses + b]!;
  const t = dp / (dp - dq);
  return Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0.5;
}

/** The crossings on the four edges of the square whose top-left cell is (i, j), in pixels, as [x0, y0, x1, y1, …]. */
function squareCrossings(
  grid: FieldGrid,
  scores: Float32Array,
  numClasses: number,
  i: number,
  j: number,
  cw: number,
  ch: number,
): number[] {
  const { nx, classes } = grid;
  const tl = j * nx + i,
    corners = [tl, tl + 1, tl + 1 + nx, tl + nx];
  const out: number[] = [];
  for (let e = 0; e < 4; e++) {
    const p = corners[e]!,
      q = corners[(e + 1) % 4]!,
      a = classes[p]!,
      b = classes[q]!;
    if (a === b) continue;
    const t = crossing(scores, numClasses, p, q, a, b);
    const pi = p % nx,
      pj = (p - pi) / nx,
      qi = q % nx,
      qj = (q - qi) / nx;
    out.push((pi + 0.5 + t * (qi - pi)) * cw, (pj + 0.5 + t * (qj - pj)) * ch);
  }
  return out;
}

/** A square's boundary pieces: one segment for two crossings; at a junction of three or four regions, spokes from their centroid. */
function squarePath(c: number[]): string {
  if (c.length === 4) return `M${px(c[0]!)},${px(c[1]!)}L${px(c[2]!)},${px(c[3]!)}`;
  let mx = 0,
    my = 0;
  for (let k = 0; k < c.length; k += 2) {
    mx += c[k]!;
    my += c[k + 1]!;
  }
  mx /= c.length / 2;
  my /= c.length / 2;
  let d = '';
  for (let k = 0; k < c.length; k += 2) d += `M${px(mx)},${px(my)}L${px(c[k]!)},${px(c[k + 1]!)}`;
  return d;
}

/**
 * The decision boundaries of a classified grid as one SVG path over a width × height plot, by
 * marching squares on the class labels with crossings interpolated from the scores. Unlike
 * contouring each class's indicator (d3-contour), every boundary is drawn once, none runs along
 * the plot's edge, and junctions meet. It stops half a cell short of the edge (the outermost
 * cell centres), under 2 px at 128 cells over 480 px.
 */
export function boundaryPath(
  grid: FieldGrid,
  scores: Float32Array,
  numClasses: number,
  width: number,
  height: number,
): string {
  const { nx, ny, classes } = grid,
    cw = width / nx,
    ch = height / ny;
  const parts: string[] = [];
  for (let j = 0; j + 1 < ny; j++) {
    for (let i = 0; i + 1 < nx; i++) {
      const tl = j * nx + i,
        a = classes[tl];
      if (a === classes[tl + 1] && a === classes[tl + nx] && a === classes[tl + nx + 1]) continue;
      parts.push(squarePath(squareCrossings(grid, scores, numClasses, i, j, cw, ch)));
    }
  }
  return parts.join('');
}
