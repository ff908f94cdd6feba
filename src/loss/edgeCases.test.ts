import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { centerLoss, icuLoss, lgmLoss, lSoftmaxLoss, softmaxLoss } from './index';
import type { LossParts } from './head.tf';

const D = 2;
type Head = {
  name: string;
  /** Parameter tensors for K classes; `logVar` fills any log-variances. */
  params: (numClasses: number, logVar: number) => tf.Tensor[];
  loss: (x: tf.Tensor2D, z: tf.Tensor1D, p: tf.Tensor[]) => LossParts;
};

const m2 = (p: tf.Tensor[], i: number): tf.Tensor2D => p[i] as tf.Tensor2D;
const weights = (k: number): tf.Tensor2D => tf.randomNormal([k, D], 0, 1, 'float32', 3) as tf.Tensor2D;
const icu = { alpha: 0.1, gamma: 0.2, lambdaMu: 0.1, lambdaSigma: 0.1 };

/** Every head in every variant, as uniform closures over a parameter list. */
const HEADS: Head[] = [
  {
    name: 'softmax',
    params: (k) => [weights(k), tf.zeros([k])],
    loss: (x, z, p) => softmaxLoss(x, z, { weights: m2(p, 0), bias: p[1] as tf.Tensor1D }),
  },
  {
    name: 'center',
    params: (k) => [weights(k), tf.zeros([k, D])],
    loss: (x, z, p) => centerLoss(x, z, { weights: m2(p, 0), centers: m2(p, 1) }, { lambda: 0.01 }),
  },
  {
    name: 'L-Softmax m 4',
    params: (k) => [weights(k)],
    loss: (x, z, p) => lSoftmaxLoss(x, z, { weights: m2(p, 0) }, { m: 4, beta: 0 }),
  },
  {
    name: 'L-GM identity',
    params: (k) => [weights(k)],
    loss: (x, z, p) => lgmLoss(x, z, { means: m2(p, 0) }, { alpha: 0.1, lambda: 0.1 }),
  },
  {
    name: 'L-GM diag',
    params: (k, s) => [weights(k), tf.fill([k, D], s)],
    loss: (x, z, p) => lgmLoss(x, z, { means: m2(p, 0), logVars: m2(p, 1) }, { alpha: 0.1, lambda: 0.1 }),
  },
  ...(['diag', 'iso'] as const).flatMap((cov) =>
    (['full', 'mahalanobis'] as const).map((marginOn): Head => ({
      name: `ICU ${cov} ${marginOn}`,
      params: (k, s) => [weights(k), tf.fill([k, cov === 'diag' ? D : 1], s)],
      loss: (x, z, p) => icuLoss(x, z, { means: m2(p, 0), logVars: m2(p, 1) }, { ...icu, cov, marginOn }),
    })),
  ),
];

/** Loss parts and gradients w.r.t. features and every parameter, all read as numbers. */
function lossAndGrads(head: Head, x: tf.Tensor2D, z: tf.Tensor1D, params: tf.Tensor[]): number[] {
  return tf.tidy(() => {
    const parts = head.loss(x, z, params);
    const grads = tf.grads((...ts: tf.Tensor[]) => head.loss(ts[0] as tf.Tensor2D, z, ts.slice(1)).total)([
      x,
      ...params,
    ]);
    return [parts.total, parts.ce, parts.reg, ...grads].flatMap((t) => Array.from(t.dataSync()));
  });
}

const SITUATIONS: { name: string; x: () => tf.Tensor2D; z: number[]; numClasses: number; logVar: number }[] = [
  {
    name: 'a class absent',
    x: () => tf.randomNormal([6, D], 0, 1, 'float32', 5) as tf.Tensor2D,
    z: [0, 1, 0, 1, 0, 1],
    numClasses: 4,
    logVar: 0,
  },
  { name: 'a batch of one', x: () => tf.tensor2d([[0.3, -0.8]]), z: [2], numClasses: 3, logVar: 0 },
  {
    name: 'all in one class',
    x: () => tf.randomNormal([5, D], 0, 1, 'float32', 6) as tf.Tensor2D,
    z: [1, 1, 1, 1, 1],
    numClasses: 3,
    logVar: 0,
  },
  {
    name: 'very large variances',
    x: () => tf.randomNormal([5, D], 0, 1, 'float32', 7) as tf.Tensor2D,
    z: [0, 1, 2, 0, 1],
    numClasses: 3,
    logVar: 40,
  },
  {
    name: 'very small variances',
    x: () => tf.randomNormal([5, D], 0, 1, 'float32', 8) as tf.Tensor2D,
    z: [0, 1, 2, 0, 1],
    numClasses: 3,
    logVar: -40,
  },
  {
    name: 'features at 1e4',
    x: () => tf.add(1e4, tf.randomNormal([5, D], 0, 1, 'float32', 9)),
    z: [0, 1, 2, 0, 1],
    numClasses: 3,
    logVar: 0,
  },
  {
    name: 'features at 1e4, tiny variances',
    x: () => tf.fill([3, D], 1e4) as tf.Tensor2D,
    z: [0, 1, 2],
    numClasses: 3,
    logVar: -19,
  },
  {
    name: 'a feature at the origin',
    x: () =>
      tf.tensor2d([
        [0, 0],
        [1, 1],
      ]),
    z: [0, 1],
    numClasses: 2,
    logVar: 0,
  },
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('edge cases: loss parts and all gradients finite', () => {
  for (const s of SITUATIONS) {
    it.each(HEADS)(`${s.name}: $name`, (head) => {
      const x = s.x(),
        z = tf.tensor1d(s.z, 'int32'),
        params = head.params(s.numClasses, s.logVar);
      const values = lossAndGrads(head, x, z, params);
      expect(values.every(Number.isFinite)).toBe(true);
      tf.dispose([x, z, ...params]);
    });
  }
});

describe('no leaks', () => {
  it.each(HEADS)('$name leaves exactly its three outputs, none after disposing them', (head) => {
    const x = tf.randomNormal([6, D], 0, 1, 'float32', 1) as tf.Tensor2D,
      z = tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32');
    const params = head.params(3, 0.5);
    const before = tf.memory().numTensors;
    const parts = head.loss(x, z, params);
    expect(tf.memory().numTensors).toBe(before + 3);
    tf.dispose([parts.total, parts.ce, parts.reg]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, z, ...params]);
  });
});
