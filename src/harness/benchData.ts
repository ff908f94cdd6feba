import * as tf from '@tensorflow/tfjs';
import { DIGIT_CLASSES as CLASSES } from '../data/idx';

/** Seeded random "digits" [n, 28, 28, 1] and one-hot labels: speed does not depend on pixel values. */
export function syntheticDigits(n: number, seed: number): { x: tf.Tensor4D; y: tf.Tensor2D } {
  return tf.tidy(() => ({
    x: tf.randomNormal([n, 28, 28, 1], 0, 1, 'float32', seed) as tf.Tensor4D,
    y: tf.oneHot(tf.randomUniform([n], 0, CLASSES, 'int32', seed + 1) as tf.Tensor1D, CLASSES) as tf.Tensor2D,
  }));
}
