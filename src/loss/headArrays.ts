import { clampLogVar } from './guards';

/** The plane the plots live in: inference helpers take 2-D features. */
export const PLOT_DIMS = 2;

/**
 * A head's parameters as flat row-major Float32Arrays for D = 2: weights/means/centers [K·2],
 * bias [K], logVars [K·2] (diag) or [K] (iso). Extra fields (e.g. centers) are ignored.
 */
export interface HeadArrays {
  softmax: { weights: Float32Array; bias?: Float32Array };
  center: { weights: Float32Array; bias?: Float32Array; centers?: Float32Array };
  lsoftmax: { weights: Float32Array };
  lgm: { means: Float32Array; logVars?: Float32Array };
  icu: { means: Float32Array; logVars: Float32Array };
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
export function classCount(rows: Float32Array, what: string): number {
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
