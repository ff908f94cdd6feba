import * as tf from '@tensorflow/tfjs';
import { channelAffine, channelMean, channelSum } from './fastGradOps';

/** Per-channel mean and variance: a layer's running statistics (here, below layers.ts, which imports this file). */
export interface ChannelStats {
  mean: tf.Tensor1D;
  variance: tf.Tensor1D;
}

/** One batch's statistics of a batch-normalized layer: the biased variance, over `count` values per channel. */
export interface Moments extends ChannelStats {
  count: number;
}

/**
 * ŷ = (x − μ)·γ/√(σ² + ε) + β for fixed centred input and variance, with the
 * closed-form gradient of batch normalization in which μ and σ² are the
 * batch's own moments:
 *   ∂β = Σ∂y,  ∂γ = Σ∂y·x̂,  ∂x = γ/σ·(∂y − ∂β/M − x̂·∂γ/M),  σ = √(σ² + ε).
 * It is the same derivative tfjs assembles from moments' and batchNorm's
 * gradients, in four full passes instead of a dozen (one of them a Tile that
 * is ~100× slower than a copy on wasm).
 */
function normalizeWithMomentsGrad(centered: tf.Tensor, variance: tf.Tensor1D, epsilon: number) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [, gamma, beta, save] = args as [tf.Tensor, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const inv = tf.rsqrt(tf.add(variance, epsilon));
    save([centered, inv, gamma]);
    return {
      value: channelAffine(centered, tf.mul(gamma, inv), beta),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [c, s, g] = saved as [tf.Tensor, tf.Tensor1D, tf.Tensor1D];
        const m = dy.size / g.size;
        const dBeta = channelSum(dy);
        const dyDotC = channelSum(tf.mul(dy, c));
        // x̂·∂γ/M = c·(Σ∂y·c)/(σ²M), since x̂ = c/σ and ∂γ = (Σ∂y·c)/σ.
        const k = tf.div(tf.mul(tf.square(s), dyDotC), m) as tf.Tensor1D;
        const dx = channelAffine(tf.add(dy, channelAffine(c, tf.neg(k), tf.div<tf.Tensor1D>(dBeta, -m))), tf.mul(g, s));
        return [dx, tf.mul(dyDotC, s), dBeta];
      },
    };
  });
}

/**
 * Training-mode batch normalization over every axis but the last, with the
 * batch moments (returned, for the running averages) computed as ordinary
 * ops outside the custom gradient: they stay differentiable, and unused
 * they drop out of backprop.
 */
export function batchNormTrainFast<T extends tf.Tensor>(
  x: T,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  epsilon: number,
): { y: T; moments: Moments } {
  const mean = channelMean(x);
  const centered = channelAffine(x, tf.onesLike(mean), tf.neg(mean));
  const variance = channelMean(tf.square(centered));
  const y = normalizeWithMomentsGrad(centered, variance, epsilon)(x, gamma, beta) as T;
  return { y, moments: { mean, variance, count: x.size / gamma.size } };
}
