import { classifyPoints, inferenceScores } from '../loss/heads';
import type { Domain } from './domain';
import type { TypedHead } from './headParams';

/**
 * A decision-field grid of nx × ny cells over a domain, row 0 at the top (largest y), so
 * cell (i, j) is pixel (i, j) of a small canvas that CSS stretches over the plot. Its buffers
 * are reused across updates.
 */
export interface FieldGrid {
  nx: number;
  ny: number;
  xy: Float32Array;
  classes: Uint8Array;
  /** Scratch for boundaryScores: cells next to a class change, their centres, and scores [cells·K]. */
  near: Uint32Array;
  nearXy: Float32Array;
  scores: Float32Array;
}

/** Allocates a grid's buffers (once per panel; every update reuses them). */
export function createFieldGrid(nx: number, ny: number): FieldGrid {
  const n = nx * ny;
  return {
    nx,
    ny,
    xy: new Float32Array(2 * n),
    classes: new Uint8Array(n),
    near: new Uint32Array(n),
    nearXy: new Float32Array(2 * n),
    scores: new Float32Array(0),
  };
}

/** Writes the data-space centre of every cell of `domain` into grid.xy, row-major from the top left. */
function layoutGrid(grid: FieldGrid, domain: Domain): void {
  const { nx, ny, xy } = grid;
  const [x0, x1] = domain.x,
    [y0, y1] = domain.y;
  for (let j = 0; j < ny; j++) {
    const y = y1 - ((j + 0.5) / ny) * (y1 - y0);
    for (let i = 0; i < nx; i++) {
      const c = 2 * (j * nx + i);
      xy[c] = x0 + ((i + 0.5) / nx) * (x1 - x0);
      xy[c + 1] = y;
    }
  }
}

/** Lays the grid over `domain` and classifies every cell with the head's own decision rule; returns grid.classes. */
export function classifyGrid(grid: FieldGrid, head: TypedHead, domain: Domain): Uint8Array {
  layoutGrid(grid, domain);
  return classifyPoints(head.id, head.params, grid.xy, grid.classes);
}

/** Every cell's inference logits [cells·K] (−d_k for the Gaussian heads), for boundaries and the density. */
export function gridScores(grid: FieldGrid, head: TypedHead): Float32Array {
  return inferenceScores(head.id, head.params, grid.xy);
}

/** Lists in grid.near the cells with a 4-neighbour of another class (the only ones boundaryPath reads); returns their count. */
function listNearCells(grid: FieldGrid): number {
  const { nx, ny, classes, near } = grid;
  let m = 0;
  for (let c = 0; c < nx * ny; c++) {
    const i = c % nx,
      k = classes[c];
    const differs =
      (i > 0 && classes[c - 1] !== k) ||
      (i + 1 < nx && classes[c + 1] !== k) ||
      (c >= nx && classes[c - nx] !== k) ||
      (c + nx < nx * ny && classes[c + nx] !== k);
    if (differs) near[m++] = c;
  }
  return m;
}

/**
 * The scores boundaryPath needs: only the cells next to a class change (a few thousand of 16k)
 * are scored, into grid.scores [cells·K]; the other cells' entries are stale. Cheaper than
 * gridScores when no density is drawn.
 */
export function boundaryScores(grid: FieldGrid, head: TypedHead, numClasses: number): Float32Array {
  const m = listNearCells(grid),
    { near, nearXy, xy } = grid;
  for (let k = 0; k < m; k++) {
    nearXy[2 * k] = xy[2 * near[k]!]!;
    nearXy[2 * k + 1] = xy[2 * near[k]! + 1]!;
  }
  const s = inferenceScores(head.id, head.params, nearXy.subarray(0, 2 * m));
  if (grid.scores.length !== grid.nx * grid.ny * numClasses)
    grid.scores = new Float32Array(grid.nx * grid.ny * numClasses);
  for (let k = 0; k < m; k++) grid.scores.set(s.subarray(k * numClasses, (k + 1) * numClasses), near[k]! * numClasses);
  return grid.scores;
}

/** Paints each cell in its class's colour (pass colours with a low alpha for a faint field) into `out`. */
export function fieldPixels(classes: Uint8Array, colors: Uint32Array, out: Uint32Array): Uint32Array {
  for (let i = 0; i < classes.length; i++) out[i] = colors[classes[i]!] ?? 0;
  return out;
}

/** ln Σ_k exp(score_k) of cell i by log-sum-exp: the mixture's log-likelihood up to the constant −ln K. */
function logMixture(scores: Float32Array, numClasses: number, i: number): number {
  let m = -Infinity,
    s = 0;
  for (let k = 0; k < numClasses; k++) m = Math.max(m, scores[i * numClasses + k]!);
  if (m === -Infinity) return m;
  for (let k = 0; k < numClasses; k++) s += Math.exp(scores[i * numClasses + k]! - m);
  return m + Math.log(s);
}

/**
 * The Gaussian heads' likelihood p(x) ∝ Σ_k exp(−d_k) as a veil: alpha grows with ln p over the
 * `nats` below its maximum, so tight ICU blobs and wide L-GM ones both show. `scores` are the
 * cells' inferenceScores (−d_k); `rgb` is a packed colour whose alpha is replaced.
 */
export function densityPixels(
  scores: Float32Array,
  numClasses: number,
  rgb: number,
  maxAlpha: number,
  out: Uint32Array,
  nats = 8,
): Uint32Array {
  // The log-densities go through out's bytes as float32, so a redraw allocates nothing.
  const logP = new Float32Array(out.buffer, out.byteOffset, out.length),
    base = rgb & 0xffffff;
  let top = -Infinity;
  for (let i = 0; i < out.length; i++) {
    logP[i] = logMixture(scores, numClasses, i);
    top = Math.max(top, logP[i]!);
  }
  for (let i = 0; i < out.length; i++) {
    const a = Math.round(maxAlpha * Math.min(1, Math.max(0, 1 + (logP[i]! - top) / nats)));
    out[i] = ((a << 24) | base) >>> 0;
  }
  return out;
}
