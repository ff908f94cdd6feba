import * as tf from '@tensorflow/tfjs';
import { conv3x3NoBias } from './conv';
import { batchNormPreluWasm, loopsRun } from './wasmLoops';
import { batchNormTrainFast, type ChannelStats, type Moments } from './fastGradBatchNorm';
import { preluWithFastGrad } from './fastGradPrelu';
import { maxPool2x2WithFastGrad } from './poolMax2x2';

/** Batch norm's constants: running ← (1 − momentum)·running + momentum·batch; ε inside √(σ² + ε). */
export interface BatchNormSettings {
  momentum: number;
  epsilon: number;
}

/** PyTorch's BatchNorm defaults, which the reference run used. */
export const BN_DEFAULTS: BatchNormSettings = { momentum: 0.1, epsilon: 1e-5 };

/**
 * On wasm every layer takes its fast-gradient form: tfjs's generic gradients
 * there hit kernels that are missing (Conv2DBackpropFilter), wrong (MaxPoolGrad
 * where a window's maximum is ≤ 0) or 10–100× slower than a multiply (Tile,
 * leading-axis Sum, Greater/Select). Elsewhere the native ops and gradients are used.
 */
const onWasm = (): boolean => tf.getBackend() === 'wasm';

/** 3×3 convolution, stride 1, 'same' padding, without bias (batch norm follows every one). */
export const conv3x3 = conv3x3NoBias;

/**
 * Training-mode batch normalization over every axis but the last, then PReLU: it uses the
 * batch's moments and returns them (for the running averages). Inference folds batch norm into
 * the layer before it (Backbone's infer).
 */
export function batchNormPrelu<T extends tf.Tensor>(
  x: T,
  gamma: tf.Tensor1D,
  beta: tf.Tensor1D,
  slope: tf.Tensor1D,
  epsilon: number,
): { y: T; moments: Moments } {
  // On wasm, the loops of wasmLoops.ts where they run (wasm SIMD, channels a multiple of 4).
  if (loopsRun(gamma.size)) return batchNormPreluWasm(x, gamma, beta, slope, epsilon);
  const { y, moments } = onWasm()
    ? batchNormTrainFast(x, gamma, beta, epsilon)
    : batchNormNative(x, gamma, beta, epsilon);
  return { y: prelu(y, slope), moments };
}

function batchNormNative<T extends tf.Tensor>(x: T, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number) {
  const axes = Array.from({ length: x.rank - 1 }, (_, i) => i);
  const m = tf.moments(x, axes) as ChannelStats;
  const y = tf.batchNorm(x, m.mean, m.variance, beta, gamma, epsilon) as T;
  return { y, moments: { ...m, count: x.size / gamma.size } };
}

/** PReLU with one slope per channel. */
export function prelu<T extends tf.Tensor>(x: T, slope: tf.Tensor1D): T {
  return onWasm() ? preluWithFastGrad(x, slope) : tf.prelu(x, slope as unknown as T);
}

/** 2×2 max-pool, stride 2. */
export function maxPool2x2(x: tf.Tensor4D): tf.Tensor4D {
  const even = x.shape[1] % 2 === 0 && x.shape[2] % 2 === 0;
  return onWasm() && even ? maxPool2x2WithFastGrad(x) : tf.maxPool(x, 2, 2, 'valid');
}
