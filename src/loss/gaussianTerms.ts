import * as tf from '@tensorflow/tfjs';
import { LOG_VAR_MAX, LOG_VAR_MIN } from './guards';

/** Log-variances clamped to [LOG_VAR_MIN, LOG_VAR_MAX]; values inside pass through unchanged. */
export function clampLogVars(s: tf.Tensor2D): tf.Tensor2D {
  return tf.clipByValue(s, LOG_VAR_MIN, LOG_VAR_MAX);
}

/**
 * (x_ij − μ_kj)² as [N, K, D], never expanded into x² − 2xμ + μ² (which cancels at features ~1e4).
 * square(sub) rather than squaredDifference: tfjs 4.22's SquaredDifference gradient ignores broadcasting.
 */
export function squaredDiffs(x: tf.Tensor2D, means: tf.Tensor2D): tf.Tensor3D {
  return tf.square(tf.sub<tf.Tensor3D>(tf.expandDims(x, 1), tf.expandDims(means, 0)));
}

/** maha_ik = Σ_j sq_ikj·exp(−s_kj) as [N, K]; s is [K, D] (diag) or [K, 1] (iso, broadcast over j). */
export function mahalanobis(sq: tf.Tensor3D, logVars: tf.Tensor2D): tf.Tensor2D {
  return tf.sum(tf.mul(sq, tf.exp(tf.neg(logVars))), 2);
}

/** ln|Σ_k| as [K]: Σ_j s_kj for [K, D] (diag); D·t_k for [K, 1] (iso). */
export function logDet(logVars: tf.Tensor2D, dims: number): tf.Tensor1D {
  return tf.mul(tf.sum(logVars, 1), dims / logVars.shape[1]);
}

/**
 * Decision distance (Eq. 9) d_ik = ½(maha_ik + ln|Σ_k|) as [N, K]; the covariance family follows
 * logVars' shape: absent → identity (d = ½‖x − μ‖²), [K, D] → diag, [K, 1] → iso.
 */
export function gaussianDistances(x: tf.Tensor2D, means: tf.Tensor2D, logVars?: tf.Tensor2D): tf.Tensor2D {
  const [numClasses, dims] = means.shape;
  if (logVars && (logVars.shape[0] !== numClasses || (logVars.shape[1] !== dims && logVars.shape[1] !== 1))) {
    throw new Error(
      `logVars: expected [${numClasses}, ${dims}] or [${numClasses}, 1], got [${logVars.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => {
    const sq = squaredDiffs(x, means);
    if (!logVars) return tf.mul<tf.Tensor2D>(0.5, tf.sum(sq, 2));
    const s = clampLogVars(logVars);
    return tf.mul<tf.Tensor2D>(0.5, tf.add(mahalanobis(sq, s), logDet(s, dims)));
  });
}
