import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centerLoss, icuLoss, lgmLoss, lSoftmaxLoss, softmaxLoss } from './index';
import { gradientError, randomMatrix } from './testSupport';
import type { IcuCov, IcuMarginOn, LSoftmaxHyper } from './index';

// Central differences in float32: at step 3e-3 rounding (~5e-5) and truncation (∝ h², ~8e-4 for the
// quartic L-Softmax m = 4) stay below the tolerance; a wrong gradient (a lost factor or term) is off by ≳10 %.
const STEP = 3e-3;
const TOL = 2e-3;
const N = 7,
  K = 3,
  D = 2;

type Case = { name: string; inputs: () => tf.Tensor[]; loss: (t: tf.Tensor[]) => tf.Scalar };

let z: tf.Tensor1D;
const m2 = (t: tf.Tensor[], i: number): tf.Tensor2D => t[i] as tf.Tensor2D;
const v1 = (t: tf.Tensor[], i: number): tf.Tensor1D => t[i] as tf.Tensor1D;
const features = (): tf.Tensor2D => randomMatrix(N, D, 2, 11);
const gaussian = (cols: number): tf.Tensor[] => [features(), randomMatrix(K, D, 1.5, 12), randomMatrix(K, cols, 1, 13)];

const icuCase = (cov: IcuCov, marginOn: IcuMarginOn): Case => ({
  name: `ICU ${cov} ${marginOn}`,
  inputs: () => gaussian(cov === 'diag' ? D : 1),
  loss: (t) =>
    icuLoss(
      m2(t, 0),
      z,
      { means: m2(t, 1), logVars: m2(t, 2) },
      { alpha: 0.3, gamma: 0.2, lambdaMu: 0.1, lambdaSigma: 0.1, cov, marginOn },
    ).total,
});

const lSoftmaxCase = (m: LSoftmaxHyper['m'], beta: number): Case => ({
  name: `L-Softmax m ${m} β ${beta}`,
  inputs: () => [features(), randomMatrix(K, D, 1, 14)],
  loss: (t) => lSoftmaxLoss(m2(t, 0), z, { weights: m2(t, 1) }, { m, beta }).total,
});

const CASES: Case[] = [
  {
    name: 'softmax',
    inputs: () => [features(), randomMatrix(K, D, 1, 15), tf.randomUniform([K], -1, 1, 'float32', 16)],
    loss: (t) => softmaxLoss(m2(t, 0), z, { weights: m2(t, 1), bias: v1(t, 2) }).total,
  },
  {
    name: 'center (λ = 0.5 so L_C weighs in)',
    inputs: () => [
      features(),
      randomMatrix(K, D, 1, 15),
      tf.randomUniform([K], -1, 1, 'float32', 16),
      randomMatrix(K, D, 1, 17),
    ],
    loss: (t) =>
      centerLoss(m2(t, 0), z, { weights: m2(t, 1), bias: v1(t, 2), centers: m2(t, 3) }, { lambda: 0.5 }).total,
  },
  lSoftmaxCase(1, 0),
  lSoftmaxCase(2, 0),
  lSoftmaxCase(3, 0.5),
  lSoftmaxCase(4, 0),
  {
    name: 'L-GM identity',
    inputs: () => gaussian(D).slice(0, 2),
    loss: (t) => lgmLoss(m2(t, 0), z, { means: m2(t, 1) }, { alpha: 0.3, lambda: 0.2 }).total,
  },
  {
    name: 'L-GM diag',
    inputs: () => gaussian(D),
    loss: (t) => lgmLoss(m2(t, 0), z, { means: m2(t, 1), logVars: m2(t, 2) }, { alpha: 0.3, lambda: 0.2 }).total,
  },
  icuCase('diag', 'full'),
  icuCase('diag', 'mahalanobis'),
  icuCase('iso', 'full'),
  icuCase('iso', 'mahalanobis'),
];

beforeAll(async () => {
  await tf.setBackend('cpu');
  z = tf.tensor1d([0, 1, 2, 0, 1, 2, 0], 'int32');
});

describe('finite-difference gradient check w.r.t. features and every parameter', () => {
  it.each(CASES)('$name', ({ inputs, loss }) => {
    const ts = inputs();
    expect(gradientError(loss, ts, STEP)).toBeLessThan(TOL);
    tf.dispose(ts);
  });

  it('the check itself fails on a gradient off by 10 %', () => {
    const wrong = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const a = args[0] as tf.Tensor; // d/da Σa² is 2a; claim 2.2a
      return { value: tf.sum(tf.square(a)), gradFunc: (dy: tf.Tensor) => tf.mul(dy, tf.mul(2.2, a)) };
    });
    const ts = [tf.tensor1d([0.7, -1.3, 2])];
    expect(gradientError((t) => wrong(t[0] ?? tf.scalar(0)) as tf.Scalar, ts, STEP)).toBeGreaterThan(0.1);
  });
});
