import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centerUpdate, lgmLoss, lSoftmaxLogits, lSoftmaxLoss, softmaxLoss } from './index';
import { randomMatrix, readParts, workedTensors } from './testSupport';

let w: ReturnType<typeof workedTensors>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  w = workedTensors();
});

describe('centerUpdate', () => {
  it('keeps the center of a class absent from the batch, and α = 0 moves nothing', () => {
    const centers = tf.tensor2d([
      [0, 0],
      [2, 1],
      [-3, 7],
    ]);
    const moved = centerUpdate(w.x, w.z, centers, 0.5).dataSync();
    expect(Array.from(moved.slice(4))).toEqual([-3, 7]);
    expect(Array.from(centerUpdate(w.x, w.z, centers, 0).dataSync())).toEqual(Array.from(centers.dataSync()));
  });

  it('leaks nothing beyond its result', () => {
    const before = tf.memory().numTensors;
    const out = centerUpdate(w.x, w.z, w.means, 0.5);
    expect(tf.memory().numTensors).toBe(before + 1);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('L-Softmax', () => {
  const x = randomMatrix(9, 2, 3, 21),
    weights = randomMatrix(3, 2, 1, 22);
  const z = tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 1, 2], 'int32');

  it('m = 1 is a bias-free softmax for any β', () => {
    const plain = readParts(softmaxLoss(x, z, { weights })).ce;
    for (const beta of [0, 1, 100])
      expect(readParts(lSoftmaxLoss(x, z, { weights }, { m: 1, beta })).ce).toBeCloseTo(plain, 5);
  });

  it('a large β tends to the plain softmax', () => {
    const plain = readParts(softmaxLoss(x, z, { weights })).ce;
    expect(Math.abs(readParts(lSoftmaxLoss(x, z, { weights }, { m: 4, beta: 1e6 })).ce - plain)).toBeLessThan(1e-4);
  });

  it('ψ is continuous and decreasing in θ across the sector boundaries jπ/m', () => {
    const one = tf.tensor1d([0], 'int32'),
      wRow = tf.tensor2d([[1, 0]]);
    for (const m of [2, 3, 4] as const) {
      const thetas = Array.from({ length: 721 }, (_, i) => (i / 720) * Math.PI);
      const f = thetas.map(
        (t) =>
          lSoftmaxLogits(
            tf.tensor2d([[Math.cos(t), Math.sin(t)]]),
            one,
            { weights: wRow },
            { m, beta: 0 },
          ).dataSync()[0] ?? NaN,
      );
      for (let i = 1; i < f.length; i++) {
        expect((f[i] ?? NaN) - (f[i - 1] ?? NaN)).toBeLessThanOrEqual(1e-6);
        expect(Math.abs((f[i] ?? NaN) - (f[i - 1] ?? NaN))).toBeLessThan(0.1);
      }
      expect(f[720]).toBeCloseTo(-2 * m + 1, 5); // ψ(π) = (−1)^(m−1)·T_m(−1) − 2(m−1) = 1 − 2m
    }
  });
});

describe('L-GM', () => {
  it('learned log-variances of 0 reproduce the identity-covariance head', () => {
    const h = { alpha: 0.1, lambda: 0.1 };
    const identity = readParts(lgmLoss(w.x, w.z, { means: w.means }, h));
    const diag = readParts(lgmLoss(w.x, w.z, { means: w.means, logVars: tf.zeros([2, 2]) }, h));
    expect(diag.total).toBeCloseTo(identity.total, 6);
  });

  it('rejects logVars that are not [K, D]', () => {
    expect(() => lgmLoss(w.x, w.z, { means: w.means, logVars: tf.zeros([2, 1]) }, { alpha: 0, lambda: 0 })).toThrow(
      /\[2, 2\]/,
    );
  });
});
