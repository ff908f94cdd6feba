import * as tf from '@tensorflow/tfjs';
import { crossEntropy, labelMask, lossParts } from '../crossEntropy';
import type { HeadTf, LossParts, TensorParams } from '../head.tf';
import { softmax } from './softmax';

/** Softmax head: one weight row per class (logits x·Wᵀ + b). */
export type SoftmaxParams = TensorParams<typeof softmax>;

/** Logits x·Wᵀ (+ b), weights stored one row per class. */
export function linearLogits(x: tf.Tensor2D, weights: tf.Tensor2D, bias?: tf.Tensor1D): tf.Tensor2D {
  const logits: tf.Tensor2D = tf.matMul(x, weights, false, true);
  return bias ? tf.add<tf.Tensor2D>(logits, bias) : logits;
}

/** Softmax cross-entropy (Eq. 1): ce from x·Wᵀ + b, reg = 0. */
export function softmaxLoss(x: tf.Tensor2D, z: tf.Tensor1D, p: SoftmaxParams): LossParts {
  return tf.tidy(() => {
    const mask = labelMask(z, p.weights.shape[0]);
    const ce = crossEntropy(linearLogits(x, p.weights, p.bias), mask);
    return lossParts(ce, tf.scalar(0));
  });
}

/** The softmax head's tensor math. */
export const softmaxTf: HeadTf<typeof softmax> = {
  definition: softmax,
  loss: (x, z, p) => softmaxLoss(x, z, p),
  logits: (x, p) => linearLogits(x, p.weights, p.bias),
};
