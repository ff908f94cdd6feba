import * as tf from '@tensorflow/tfjs';
import { crossEntropy, labelMask, lossParts } from '../crossEntropy';
import type { HyperOf } from '../head';
import type { HeadTf, LossParts, TensorParams } from '../head.tf';
import { center } from './center';
import { linearLogits } from './softmax.tf';

/** Center-loss head: the softmax layer plus one center per class. */
export type CenterParams = TensorParams<typeof center>;

/** Center-loss weight λ on L_C. */
export type CenterHyper = Pick<HyperOf<typeof center.hyper>, 'lambda'>;

/** Center loss (seed paper Eq. 3, after Wen et al. 2016): softmax ce + λ·Σ_i ‖x_i − c_{z_i}‖² / (2N). */
export function centerLoss(x: tf.Tensor2D, z: tf.Tensor1D, p: CenterParams, h: CenterHyper): LossParts {
  return tf.tidy(() => {
    const mask = labelMask(z, p.centers.shape[0]);
    const ce = crossEntropy(linearLogits(x, p.weights, p.bias), mask);
    // Y·C picks each sample's own center (a matmul, so the gradient needs no scatter kernel).
    const own = tf.matMul(mask, p.centers);
    const lc = tf.div(tf.sum(tf.square(tf.sub(x, own))), 2 * x.shape[0]);
    return lossParts(ce, tf.mul(h.lambda, lc));
  });
}

/**
 * Wen et al.'s center update, applied after each optimizer step: Δc_j = Σ_{z_i=j} (c_j − x_i) / (1 + n_j),
 * c_j ← c_j − α·Δc_j; a class absent from the batch keeps its center. Returns new centers.
 */
export function centerUpdate(x: tf.Tensor2D, z: tf.Tensor1D, centers: tf.Tensor2D, alpha: number): tf.Tensor2D {
  return tf.tidy(() => {
    const mask = labelMask(z, centers.shape[0]);
    const counts = tf.expandDims(tf.sum(mask, 0), 1);
    const sums = tf.matMul(mask, x, true, false);
    const delta = tf.div(tf.sub(tf.mul(counts, centers), sums), tf.add(counts, 1));
    return tf.sub(centers, tf.mul(alpha, delta));
  });
}

/** The center-loss head's tensor math: the loss, and the centers' own update after each step. */
export const centerTf: HeadTf<typeof center> = {
  definition: center,
  loss: (x, z, p, h) => centerLoss(x, z, p, h),
  logits: (x, p) => linearLogits(x, p.weights, p.bias),
  ruleUpdates: (x, z, p, h) => ({ centers: centerUpdate(x, z, p.centers, h.alpha) }),
};
