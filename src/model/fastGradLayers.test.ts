import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormTrainFast } from './fastGradBatchNorm';
import { channelAffine, channelMean, channelSum } from './fastGradOps';
import { preluWithFastGrad } from './fastGradPrelu';
import { maxRelDiff } from './wasmTestSupport';

// On cpu, against tfjs's own ops and gradients: the fast forms must be the same functions.
beforeAll(async () => {
  await tf.setBackend('cpu');
});

const EPS = 1e-5;
const normal = (shape: number[], seed: number, mean = 0) => tf.randomNormal(shape, mean, 1, 'float32', seed);
/** A per-channel vector of 4, N(mean, 1). */
const vec = (seed: number, mean = 0) => normal([4], seed, mean) as tf.Tensor1D;

/** Value and gradients of Σ f(inputs)·dy for a fixed random dy. */
function valueAndGrads(f: (...xs: tf.Tensor[]) => tf.Tensor, inputs: tf.Tensor[]): tf.Tensor[] {
  return tf.tidy(() => {
    const dy = normal(f(...inputs).shape, 99);
    const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), dy)))(inputs);
    return [value, ...grads];
  });
}

function expectSame(fast: tf.Tensor[], native: tf.Tensor[], tol: number): void {
  expect(fast.length).toBe(native.length);
  fast.forEach((t, i) => expect(maxRelDiff(t, native[i]!), `output ${i}`).toBeLessThan(tol));
  tf.dispose([...fast, ...native]);
}

describe('channel reductions', () => {
  it.each([[[3, 5, 7, 4]], [[6, 9]]])('sum and mean over all axes but the last of %j', (shape) => {
    const x = normal(shape, 1, 3);
    const axes = shape.slice(0, -1).map((_, i) => i);
    expectSame([channelSum(x), channelMean(x)], [tf.sum(x, axes), tf.mean(x, axes)], 1e-6);
  });
});

describe('per-channel affine map', () => {
  it.each([[[3, 5, 7, 4]], [[6, 4]]])(
    'is x·scale + shift over the last axis of %j, with or without the shift',
    (shape) => {
      const x = normal(shape, 11),
        scale = vec(12),
        shift = vec(13);
      expectSame(
        [channelAffine(x, scale, shift), channelAffine(x, scale)],
        [tf.add(tf.mul(x, scale), shift), tf.mul(x, scale)],
        1e-6,
      );
      tf.dispose([x, scale, shift]);
    },
  );
});

describe('batch normalization with the closed-form gradient', () => {
  const nativeTrain = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
    const m = tf.moments(
      x,
      x.shape.slice(0, -1).map((_, i) => i),
    );
    return tf.batchNorm(x, m.mean, m.variance, b as tf.Tensor1D, g as tf.Tensor1D, EPS);
  };
  const fastTrain = (x: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
    batchNormTrainFast(x, g as tf.Tensor1D, b as tf.Tensor1D, EPS).y;

  it.each([[[3, 6, 5, 4]], [[7, 4]]])('gives tfjs values and gradients in train mode for %j', (shape) => {
    const inputs = [normal(shape, 4, 2), vec(2, 1), vec(3)];
    expectSame(valueAndGrads(fastTrain, inputs), valueAndGrads(nativeTrain, inputs), 1e-5);
    tf.dispose(inputs);
  });

  it('returns the batch moments', () => {
    const x = normal([3, 6, 5, 4], 5, 2),
      gamma = vec(2, 1),
      beta = vec(3);
    const { y, moments } = batchNormTrainFast(x, gamma, beta, EPS);
    const ref = tf.moments(x, [0, 1, 2]);
    expectSame([moments.mean, moments.variance], [ref.mean, ref.variance], 1e-5);
    tf.dispose([x, y, gamma, beta]);
  });

  it('leaks no tensor', () => {
    const inputs = [normal([2, 3, 3, 4], 8), vec(2, 1), vec(3)];
    const before = tf.memory().numTensors;
    tf.dispose(valueAndGrads(fastTrain, inputs));
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(inputs);
  });
});

describe('PReLU with the fast gradient', () => {
  it('gives tfjs values and gradients, zeros and a negative slope included', () => {
    const x = tf.concat([tf.zeros([1, 3, 3, 4]), normal([2, 3, 3, 4], 9)]);
    const alpha = tf.tensor1d([0.25, -0.5, 0, 1.5]);
    const native = (a: tf.Tensor, s: tf.Tensor) => tf.prelu(a, s);
    const fast = (a: tf.Tensor, s: tf.Tensor) => preluWithFastGrad(a, s as tf.Tensor1D);
    expectSame(valueAndGrads(fast, [x, alpha]), valueAndGrads(native, [x, alpha]), 1e-6);
  });
});
