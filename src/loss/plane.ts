import { clampLogVar } from './guards';

/**
 * The heads' inference in the plane the plots live in (D = 2), in plain numbers: parameters are
 * flat row-major Float32Arrays, weights/means/centers [K·2], bias [K], logVars [K·2] (diag) or [K] (iso).
 */
export const PLOT_DIMS = 2;

/** Parameters the sandbox steps: the app's Float32Arrays, or float64 ones (finite differences, repeated steps). */
export type PlaneArray = Float32Array | Float64Array;

/** A head's loss parts on a sample of the plane and their gradient per named parameter (float64, same layouts). */
export interface PlaneLossParts<Name extends string = string> {
  ce: number;
  reg: number;
  total: number;
  grads: Record<Name, Float64Array>;
}

/** Inference logit of class k at (x, y), for K classes. */
export interface Scorer {
  numClasses: number;
  score: (x: number, y: number, k: number) => number;
}

/** Per-class axis-aligned Gaussian in the plane: mean, variances, their inverses and ½·ln|Σ|. */
export interface PlaneGaussian {
  mx: number;
  my: number;
  vx: number;
  vy: number;
  ivx: number;
  ivy: number;
  halfLogDet: number;
}

/** Number of classes of a [K·2] row-major matrix, checked. */
function classCount(rows: Float32Array, what: string): number {
  if (rows.length % PLOT_DIMS !== 0 || rows.length === 0) throw new Error(`${what}: length ${rows.length} is not K·2`);
  return rows.length / PLOT_DIMS;
}

/** Class k's variances (σx², σy²) as log-variances: identity if absent, [K·2] diag, [K] iso; clamped as in training. */
function logVarPair(logVars: Float32Array | undefined, k: number, numClasses: number): [number, number] {
  if (!logVars) return [0, 0];
  if (logVars.length === numClasses) {
    const t = clampLogVar(logVars[k] ?? 0);
    return [t, t];
  }
  if (logVars.length === PLOT_DIMS * numClasses) {
    return [clampLogVar(logVars[2 * k] ?? 0), clampLogVar(logVars[2 * k + 1] ?? 0)];
  }
  throw new Error(`logVars: length ${logVars.length} is neither K = ${numClasses} nor K·2`);
}

/** The per-class planar Gaussians of an L-GM or ICU head (identity covariance when logVars is absent). */
export function planeGaussians(p: { means: Float32Array; logVars?: Float32Array }): PlaneGaussian[] {
  const numClasses = classCount(p.means, 'means');
  return Array.from({ length: numClasses }, (_, k) => {
    const [sx, sy] = logVarPair(p.logVars, k, numClasses);
    const mx = p.means[2 * k] ?? 0,
      my = p.means[2 * k + 1] ?? 0;
    return {
      mx,
      my,
      vx: Math.exp(sx),
      vy: Math.exp(sy),
      ivx: Math.exp(-sx),
      ivy: Math.exp(-sy),
      halfLogDet: (sx + sy) / 2,
    };
  });
}

/** w_kᵀx + b_k: softmax, center loss, and L-Softmax at inference (m = 1, no bias). */
export function linearScorer(p: { weights: Float32Array; bias?: Float32Array }): Scorer {
  const { weights, bias } = p;
  const numClasses = classCount(weights, 'weights');
  if (bias && bias.length !== numClasses) throw new Error(`bias: length ${bias.length}, expected ${numClasses}`);
  return {
    numClasses,
    score: (x, y, k) => (weights[2 * k] ?? 0) * x + (weights[2 * k + 1] ?? 0) * y + (bias?.[k] ?? 0),
  };
}

/** −d_k with d_k = ½(maha_k + ln|Σ_k|) (Eq. 9); L-GM's α = 0 logit is the same expression. */
export function gaussianScorer(p: { means: Float32Array; logVars?: Float32Array }): Scorer {
  const g = planeGaussians(p);
  return {
    numClasses: g.length,
    score: (x, y, k) => {
      const c = g[k];
      if (!c) return -Infinity;
      return -0.5 * ((x - c.mx) ** 2 * c.ivx + (y - c.my) ** 2 * c.ivy) - c.halfLogDet;
    },
  };
}

/** Inference logits [N·K] row-major for points xy = [x0, y0, x1, y1, …]. */
export function scorePoints(s: Scorer, xy: Float32Array): Float32Array {
  const n = Math.floor(xy.length / 2),
    out = new Float32Array(n * s.numClasses);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < s.numClasses; k++) out[i * s.numClasses + k] = s.score(xy[2 * i] ?? 0, xy[2 * i + 1] ?? 0, k);
  }
  return out;
}

/** Each point's class of highest score, first index on ties like tf.argMax; `out` reuses a buffer on a grid sweep. */
export function classifyWith(s: Scorer, xy: Float32Array, out?: Uint8Array): Uint8Array {
  const n = Math.floor(xy.length / 2),
    labels = out ?? new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i] ?? 0,
      y = xy[2 * i + 1] ?? 0;
    let best = 0,
      bestScore = s.score(x, y, 0);
    for (let k = 1; k < s.numClasses; k++) {
      const v = s.score(x, y, k);
      if (v > bestScore) {
        best = k;
        bestScore = v;
      }
    }
    labels[i] = best;
  }
  return labels;
}
