import * as tf from '@tensorflow/tfjs';
import type { LossParts } from './head.tf';

/** One-hot labels as float32 [N, K], Y_ik = [z_i = k] (by comparison: tf.oneHot refuses K = 1). */
export function labelMask(z: tf.Tensor1D, numClasses: number): tf.Tensor2D {
  return tf.cast(tf.equal<tf.Tensor2D>(tf.expandDims(z, 1), tf.range(0, numClasses, 1, 'int32')), 'float32');
}

/** Each row's value at its true class, Σ_k Y_ik·v_ik, as [N]. */
export function pickTrue(v: tf.Tensor2D, mask: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(v, mask), 1);
}

/** Mean cross-entropy from logits, mean_i [lse_k ℓ_ik − ℓ_iz], with a stable log-sum-exp. */
export function crossEntropy(logits: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar {
  return tf.mean(tf.sub(tf.logSumExp(logits, 1), pickTrue(logits, mask)));
}

/** Bundle a cross-entropy and a regularizer into LossParts (total = ce + reg, three distinct tensors). */
export function lossParts(ce: tf.Scalar, reg: tf.Scalar): LossParts {
  return { total: tf.add(ce, reg), ce, reg };
}

/** Throw unless `t` has exactly `shape`: a wrong shape would otherwise broadcast silently. */
export function assertShape(t: tf.Tensor, shape: readonly number[], what: string): void {
  const ok = t.rank === shape.length && t.shape.every((n, i) => n === shape[i]);
  if (!ok) throw new Error(`${what}: expected shape [${shape.join(', ')}], got [${t.shape.join(', ')}]`);
}
