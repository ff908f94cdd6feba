import { clampLogVar, LOG_VAR_MAX, LOG_VAR_MIN } from './guards';

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
  /**
   * Heads whose reg pulls a per-class point toward its class's batch mean (L-GM's means, center loss's centers,
   * ICU's means): each class's batch mean μ̄_k ([K·2]; NaN for a class absent from the sample), the arrows' targets.
   */
  batchMeans?: Float64Array;
  /** The reg part's gradient alone, per parameter it moves: the sandbox draws −regGrads as the regularizer's pull. */
  regGrads?: Partial<Record<Name, Float64Array>>;
}

// ---- Building blocks of the heads' plane losses (float64, the same numbers as their tfjs twins) ----

/** The sample size N of a plane loss's inputs, checked: points [N·2], labels [N] integers in [0, K). */
export function sampleSize(
  what: string,
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
): number {
  const n = labels.length;
  if (points.length !== n * PLOT_DIMS)
    throw new Error(`${what} points: length ${points.length}, expected N·2 = ${n * PLOT_DIMS}`);
  for (let i = 0; i < n; i++) {
    const z = labels[i];
    if (!Number.isInteger(z) || z === undefined || z < 0 || z >= numClasses) {
      throw new Error(`${what} labels[${i}] = ${z}, not in [0, ${numClasses})`);
    }
  }
  return n;
}

/**
 * One sample's cross-entropy lse_k ℓ_k − ℓ_z (log-sum-exp shifted by the row maximum, like tf.logSumExp), writing
 * ∂/∂ℓ_k = softmax_k − [k = z] into `grad`; a head's mean over N divides both by N.
 */
export function sampleCrossEntropy(logits: Float64Array, z: number, grad: Float64Array): number {
  const max = Math.max(...logits);
  let sum = 0;
  for (const l of logits) sum += Math.exp(l - max);
  const lse = max + Math.log(sum);
  logits.forEach((l, k) => (grad[k] = Math.exp(l - lse) - (k === z ? 1 : 0)));
  return lse - (logits[z] ?? NaN);
}

/** The posterior softmax(logits) of one point's inference logits, one probability per class. */
export function posterior(logits: ArrayLike<number>): number[] {
  const scores = Array.from(logits),
    max = Math.max(...scores),
    e = scores.map((v) => Math.exp(v - max)),
    sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** Each class's batch mean μ̄_k (Eq. 12 with n_k) as [K·2], NaN for a class absent from the sample, and the counts n_k. */
export function classMeans(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  numClasses: number,
): { means: Float64Array; counts: Float64Array } {
  const sums = new Float64Array(numClasses * PLOT_DIMS);
  const counts = new Float64Array(numClasses);
  for (let i = 0; i < labels.length; i++) {
    const z = labels[i] ?? 0;
    counts[z] = (counts[z] ?? 0) + 1;
    for (let j = 0; j < PLOT_DIMS; j++)
      sums[z * PLOT_DIMS + j] = (sums[z * PLOT_DIMS + j] ?? 0) + (points[i * PLOT_DIMS + j] ?? 0);
  }
  const means = sums.map((v, i) => v / (counts[Math.floor(i / PLOT_DIMS)] || NaN));
  return { means, counts };
}

/** Log-variances clamped as in training, and where the gradient passes (clipByValue's: inside the range, ends included). */
export function clampedLogVars(logVars: ArrayLike<number>): { s: Float64Array; passes: boolean[] } {
  return {
    s: Float64Array.from(logVars, clampLogVar),
    passes: Array.from(logVars, (v) => v >= LOG_VAR_MIN && v <= LOG_VAR_MAX),
  };
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
export function planeClassCount(rows: ArrayLike<number>, what: string): number {
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
  const numClasses = planeClassCount(p.means, 'means');
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
  const numClasses = planeClassCount(weights, 'weights');
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
