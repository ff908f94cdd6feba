import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  centerLoss,
  centerUpdate,
  gaussianDistances,
  icuLogits,
  icuLoss,
  lgmLogits,
  lgmLoss,
  linearLogits,
  lSoftmaxLogits,
  lSoftmaxLoss,
  softmaxLoss,
} from './index';
import { readParts, workedTensors } from './testSupport';

const TOL = 1e-5;
const near = (actual: number, expected: number): void => expect(Math.abs(actual - expected)).toBeLessThan(TOL);
const allNear = (actual: ArrayLike<number>, expected: readonly number[]): void => {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => near(actual[i] ?? NaN, e));
};
const trueColumn = (logits: tf.Tensor2D, z: readonly number[]): number[] => {
  const rows = logits.arraySync();
  return z.map((k, i) => rows[i]?.[k] ?? NaN);
};

let w: ReturnType<typeof workedTensors>;
const icuBase = { alpha: 0, gamma: 0, lambdaMu: 0.1, lambdaSigma: 0.1 };
const Z = [0, 1, 0];

beforeAll(async () => {
  await tf.setBackend('cpu');
  w = workedTensors();
});

describe('worked numbers of losses.md (float32, to 1e-5)', () => {
  it('softmax: logits and ce = total', () => {
    allNear(linearLogits(w.x, w.weights, tf.zeros([2])).dataSync(), [-0.75, 0.25, -1, 2, 0.75, -0.25]);
    const r = readParts(softmaxLoss(w.x, w.z, { weights: w.weights, bias: tf.zeros([2]) }));
    near(r.ce, 0.558370242);
    near(r.total, 0.558370242);
    expect(r.reg).toBe(0);
  });

  it('center: L_C and total', () => {
    const r = readParts(centerLoss(w.x, w.z, { weights: w.weights, centers: w.means }, { lambda: 0.01 }));
    near(r.reg / 0.01, 0.208333333);
    near(r.total, 0.560453576);
  });

  it('center update', () => {
    allNear(centerUpdate(w.x, w.z, w.means, 0.5).dataSync(), [0, 0, 1.875, 1]);
  });

  it('L-Softmax m = 2, β = 0: target logits and ce', () => {
    const h = { m: 2, beta: 0 } as const;
    allNear(
      trueColumn(lSoftmaxLogits(w.x, w.z, { weights: w.weights }, h), Z),
      [-2.213594362, 1.95354707, 0.632455532],
    );
    const r = readParts(lSoftmaxLoss(w.x, w.z, { weights: w.weights }, h));
    near(r.ce, 0.980796457);
    near(r.total, r.ce);
  });

  it('L-GM identity: logits, ce, total', () => {
    const h = { alpha: 0.1, lambda: 0.1 };
    allNear(lgmLogits(w.x, w.z, { means: w.means }, h).dataSync(), [-0.275, -2.25, -1.625, -0.1375, -0.275, -3.25]);
    const r = readParts(lgmLoss(w.x, w.z, { means: w.means }, h));
    near(r.ce, 0.127811202);
    near(r.total, 0.148644536);
  });

  it('ICU without margins: d, prediction, ce, reg, total', () => {
    const d = gaussianDistances(w.x, w.means, w.logVars);
    allNear(d.dataSync(), [0.25, 4.931852819, 1.625, -0.193147181, 0.25, 11.931852819]);
    expect(Array.from(tf.argMin(d, 1).dataSync())).toEqual([0, 1, 0]);
    const r = readParts(icuLoss(w.x, w.z, { means: w.means, logVars: w.logVars }, icuBase));
    near(r.ce, 0.053217009);
    near(r.reg, 0.2375);
    near(r.total, 0.290717009);
  });

  it('ICU with margins (α 0.1, γ 0.2, diag, full): true-class logits, ce, total', () => {
    const h = { ...icuBase, alpha: 0.1, gamma: 0.2, cov: 'diag', marginOn: 'full' } as const;
    const p = { means: w.means, logVars: w.logVars };
    allNear(trueColumn(icuLogits(w.x, w.z, p, h), Z), [-0.475553712, 0.011908186, -0.475553712]);
    const r = readParts(icuLoss(w.x, w.z, p, h));
    near(r.ce, 0.063114751);
    near(r.total, 0.300614751);
  });
});
