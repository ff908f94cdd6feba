import { classifyPoints, inferenceScores } from '../loss/decision';
import type { Domain } from './domain';
import type { TypedHead } from './headParams';

/**
 * A decision-field grid of nx × ny cells over a domain, row 0 at the top (largest y), so
 * cell (i, j) is pixel (i, j) of a small canvas that CSS stretches over the plot. Its buffers
 * are reused across updates.
 */
export interface FieldGrid { nx: number; ny: number; xy: Float32Array; classes: Uint8Array }

/** Allocates a grid's buffers (once per panel; every update reuses them). */
export function createFieldGrid(nx: number, ny: number): FieldGrid {
  return { nx, ny, xy: new Float32Array(2 * nx * ny), classes: new Uint8Array(nx * ny) };
}

/** Writes the data-space centre of every cell of `domain` into grid.xy, row-major from the top left. */
export function layoutGrid(grid: FieldGrid, domain: Domain): void {
  const { nx, ny, xy } = grid;
  const [x0, x1] = domain.x, [y0, y1] = domain.y;
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

/** Paints each cell in its class's colour (pass colours with a low alpha for a faint field) into `out`. */
export function fieldPixels(classes: Uint8Array, colors: Uint32Array, out: Uint32Array): Uint32Array {
  for (let i = 0; i < classes.length; i++) out[i] = colors[classes[i]!] ?? 0;
  return out;
}

/** ln Σ_k exp(score_k) of cell i by log-sum-exp: the mixture's log-likelihood up to the constant −ln K. */
function logMixture(scores: Float32Array, numClasses: number, i: number): number {
  let m = -Infinity, s = 0;
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
export function densityPixels(scores: Float32Array, numClasses: number, rgb: number, maxAlpha: number, out: Uint32Array, nats = 8): Uint32Array {
  // The log-densities go through out's bytes as float32, so a redraw allocates nothing.
  const logP = new Float32Array(out.buffer, out.byteOffset, out.length), base = rgb & 0xffffff;
  let top = -Infinity;
  for (let i = 0; i < out.length; i++) { logP[i] = logMixture(scores, numClasses, i); top = Math.max(top, logP[i]!); }
  for (let i = 0; i < out.length; i++) {
    const a = Math.round(maxAlpha * Math.min(1, Math.max(0, 1 + (logP[i]! - top) / nats)));
    out[i] = ((a << 24) | base) >>> 0;
  }
  return out;
}
