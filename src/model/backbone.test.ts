import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { Backbone, initialBackboneValues } from './backbone';
import type { Architecture } from './architecture';

// A narrow copy of the paper's layout keeps the test fast; the layer logic is the same.
const SMALL: Architecture = { conv: [2, 2, 3, 3], hidden: 4, featureDim: 2 };
let bb: Backbone;

beforeAll(async () => {
  await tf.setBackend('cpu');
  bb = new Backbone(SMALL, initialBackboneValues(SMALL, createRng(1)));
});
afterAll(() => bb.dispose());

const images = (n: number) => tf.randomNormal([n, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;

describe('Backbone', () => {
  it('maps images to 2-D features and returns batch moments only in train mode', () => {
    const x = images(5);
    const train = bb.forward(x, 'train');
    const evalOut = bb.forward(x, 'eval');
    expect(train.features.shape).toEqual([5, 2]);
    expect(Object.keys(train.moments).sort()).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'fc1']);
    expect(Object.keys(evalOut.moments)).toEqual([]);
    tf.dispose([
      x,
      train.features,
      evalOut.features,
      ...Object.values(train.moments).flatMap((m) => [m.mean, m.variance]),
    ]);
  });

  it('moves running statistics by the momentum, the variance unbiased, and round-trips its values', async () => {
    const before = await bb.values();
    const mean = tf.fill([2], 1) as tf.Tensor1D,
      variance = tf.fill([2], 3) as tf.Tensor1D;
    bb.updateRunning({ conv1: { mean, variance, count: 11 } });
    const after = await bb.values();
    expect(Array.from(after['conv1.bn.mean']!)).toEqual([0.1, 0.1].map(Math.fround));
    // 0.9·1 + 0.1·3·11/10: PyTorch's running variance takes the unbiased batch variance.
    expect(after['conv1.bn.var']![0]).toBeCloseTo(0.9 + 0.33, 6);
    bb.assign(before);
    expect(Array.from((await bb.values())['conv1.bn.mean']!)).toEqual([0, 0]);
    tf.dispose([mean, variance]);
  });

  it('is seeded and leaks no tensor in a training step', () => {
    const a = initialBackboneValues(SMALL, createRng(5)),
      b = initialBackboneValues(SMALL, createRng(5));
    expect(Array.from(a['conv2.w']!)).toEqual(Array.from(b['conv2.w']!));
    const x = images(3);
    const start = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(bb.forward(x, 'train').features) as tf.Scalar,
      Object.values(bb.params),
    );
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
  });
});
