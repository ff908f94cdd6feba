import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHyper, HEAD_IDS } from '../loss/heads';
import type { Architecture } from '../model/architecture';
import { Learner } from './learner';

const SMALL: Architecture = { conv: [2, 2, 4, 4], hidden: 8, featureDim: 2 };

/** Four easy classes: each image is bright in its own quadrant. */
function quadrantBatch(n: number): { x: tf.Tensor4D; z: tf.Tensor1D } {
  const px = new Float32Array(n * 784),
    z = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    z[i] = i % 4;
    const r0 = z[i]! < 2 ? 0 : 14,
      c0 = z[i]! % 2 === 0 ? 0 : 14;
    for (let r = r0; r < r0 + 14; r++)
      for (let c = c0; c < c0 + 14; c++) px[i * 784 + r * 28 + c] = 1 + ((i * 7 + r * c) % 5) / 10;
  }
  return { x: tf.tensor4d(px, [n, 28, 28, 1]), z: tf.tensor1d(z, 'int32') };
}

const learner = (head: (typeof HEAD_IDS)[number], seed = 3) =>
  new Learner({ arch: SMALL, head, hyper: defaultHyper(head), seed, numClasses: 4 });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Learner', () => {
  it('lowers the softmax loss on an easy problem without leaking tensors', async () => {
    const { x, z } = quadrantBatch(16);
    const l = learner('softmax');
    const first = await l.trainStep(x, z, 0.01, 0.001);
    const after = tf.memory().numTensors;
    let last = first;
    for (let i = 0; i < 25; i++) last = await l.trainStep(x, z, 0.01, 0.001);
    expect(tf.memory().numTensors).toBe(after);
    expect(last.total).toBeLessThan(first.total * 0.5);
    expect(l.steps).toBe(26);
    l.dispose();
    tf.dispose([x, z]);
  });

  it('is deterministic for a seed, and several learners coexist', async () => {
    const { x, z } = quadrantBatch(8);
    const a = learner('icu', 5),
      b = learner('icu', 5),
      c = learner('icu', 6);
    const [la, lb, lc] = [
      await a.trainStep(x, z, 0.01, 0),
      await b.trainStep(x, z, 0.01, 0),
      await c.trainStep(x, z, 0.01, 0),
    ];
    expect(la).toEqual(lb);
    expect(lc.total).not.toBe(la.total);
    [a, b, c].forEach((l) => l.dispose());
    tf.dispose([x, z]);
  });

  it.each(HEAD_IDS)('trains the %s head with finite losses and predicts classes', async (head) => {
    const { x, z } = quadrantBatch(8);
    const l = learner(head);
    for (let i = 0; i < 3; i++) {
      const s = await l.trainStep(x, z, 0.01, 0.001);
      expect(Number.isFinite(s.total) && Math.abs(s.total - s.ce - s.reg) < 1e-4).toBe(true);
    }
    const f = l.features(x);
    const p = l.predict(f);
    expect(p.shape).toEqual([8]);
    expect(Math.max(...(await p.data()))).toBeLessThan(4);
    tf.dispose([f, p, x, z]);
    l.dispose();
  });
});

describe('Learner state', () => {
  it('resumes from a snapshot exactly', async () => {
    const { x, z } = quadrantBatch(8);
    const a = learner('icu', 11);
    for (let i = 0; i < 3; i++) await a.trainStep(x, z, 0.01, 0.001);
    const snap = await a.snapshot();
    const next = await a.trainStep(x, z, 0.01, 0.001);
    const b = learner('icu', 99);
    await b.restore(snap, 3);
    expect(await b.trainStep(x, z, 0.01, 0.001)).toEqual(next);
    expect(b.steps).toBe(4);
    [a, b].forEach((l) => l.dispose());
    tf.dispose([x, z]);
  });

  it('switches ICU between diagonal and isotropic covariance while training', async () => {
    const { x, z } = quadrantBatch(8);
    const l = learner('icu', 2);
    await l.trainStep(x, z, 0.01, 0);
    const start = tf.memory().numTensors;
    await l.setHyper({ ...defaultHyper('icu'), cov: 'iso' });
    expect(l.head.vars.logVars!.shape).toEqual([4, 1]);
    const s = await l.trainStep(x, z, 0.01, 0);
    expect(Number.isFinite(s.total)).toBe(true);
    await l.setHyper({ ...defaultHyper('icu'), cov: 'diag' });
    await l.trainStep(x, z, 0.01, 0);
    expect(l.head.vars.logVars!.shape).toEqual([4, 2]);
    expect(tf.memory().numTensors).toBe(start);
    l.dispose();
    tf.dispose([x, z]);
  });
});
