import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv3x3FilterGrad, conv3x3InputGrad, conv3x3NoBias, conv3x3WithFastGrad } from './conv';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function maxRelDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.div(tf.max(tf.abs(tf.sub(a, b))), tf.max(tf.abs(b))).dataSync()[0]!);
}

describe('the fast 3×3 convolution gradient', () => {
  it('equals the native filter and input gradients', () => {
    const x = tf.randomNormal([3, 9, 7, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 4, 5], 0, 1, 'float32', 2) as tf.Tensor4D;
    const dy = tf.randomNormal([3, 9, 7, 5], 0, 1, 'float32', 3) as tf.Tensor4D;
    const loss = (conv: (a: tf.Tensor4D, b: tf.Tensor4D) => tf.Tensor4D) => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv(a as tf.Tensor4D, b as tf.Tensor4D), dy));
    const [dxRef, dwRef] = tf.grads(loss((a, b) => tf.conv2d(a, b, 1, 'same')))([x, w]);
    const [dx, dw] = tf.grads(loss(conv3x3WithFastGrad))([x, w]);
    expect(maxRelDiff(dw!, dwRef!)).toBeLessThan(1e-5);
    expect(maxRelDiff(dx!, dxRef!)).toBeLessThan(1e-5);
    expect(maxRelDiff(conv3x3FilterGrad(x, dy), dwRef!)).toBeLessThan(1e-5);
    expect(maxRelDiff(conv3x3InputGrad(dy, w), dxRef!)).toBeLessThan(1e-5);
  });

  it('gives the same forward values and leaks nothing', () => {
    const x = tf.randomNormal([2, 5, 5, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 1, 2], 0, 1, 'float32', 5) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(conv3x3WithFastGrad(a as tf.Tensor4D, b as tf.Tensor4D)))([x, w]);
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(maxRelDiff(conv3x3WithFastGrad(x, w), tf.conv2d(x, w, 1, 'same'))).toBe(0);
  });

  it('of the input images, gives the same filter gradient and spends nothing on the images’ own', () => {
    const x = tf.randomNormal([2, 6, 6, 1], 0, 1, 'float32', 6) as tf.Tensor4D;
    const w = tf.randomNormal([3, 3, 1, 4], 0, 1, 'float32', 7) as tf.Tensor4D;
    const sumOf = (of?: 'data') => (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.square(conv3x3NoBias(a as tf.Tensor4D, b as tf.Tensor4D, of)));
    const [dx, dw] = tf.grads(sumOf())([x, w]);
    const [dxData, dwData] = tf.grads(sumOf('data'))([x, w]);
    expect(maxRelDiff(dwData!, dw!)).toBe(0);
    expect(tf.max(tf.abs(dx!)).dataSync()[0]).toBeGreaterThan(0);
    expect(tf.max(tf.abs(dxData!)).dataSync()[0]).toBe(0);
  });
});
