import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/mnist';
import { normalizeInto } from '../data/normalize';
import { imagesTensor } from '../model/backbone';

const PIXELS = 784;

/** Batches of one MNIST split as tensors: normalized images [n, 28, 28, 1] and int32 labels. */
export class Digits {
  constructor(readonly split: Split) {}

  /** Normalized images of the listed digits. */
  images(indices: ArrayLike<number>): tf.Tensor4D {
    const out = normalizeInto(this.split.images, indices, new Float32Array(indices.length * PIXELS));
    return imagesTensor(out, indices.length);
  }

  /** Labels of the listed digits as an int32 tensor. */
  labels(indices: ArrayLike<number>): tf.Tensor1D {
    return tf.tensor1d(this.labelArray(indices), 'int32');
  }

  /** Labels of the listed digits. */
  labelArray(indices: ArrayLike<number>): Uint8Array {
    return Uint8Array.from({ length: indices.length }, (_, i) => this.split.labels[indices[i]!]!);
  }
}
