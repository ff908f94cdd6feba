import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxStep } from '../heads';
import { expectPlaneGradientsMatchDifferences, expectPlaneMatchesTf, planeSample } from '../testSupport';

const N = 12,
  K = 3,
  D = 2;

/** Seeded points, labels (every class present), weights and, for `withBias`, a bias. */
function sample(withBias: boolean, seed: number) {
  const { points, labels, normals } = planeSample(seed, N, K);
  const weights = normals(K * D, 1);
  const params: Record<string, Float32Array> = withBias ? { weights, bias: normals(K, 0.5) } : { weights };
  return { points, labels, params };
}

const CASES = [
  ['with bias', true],
  ['without bias', false],
] as const;

describe('Softmax plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s: gradients match central differences', (_, withBias) => {
    const { points, labels, params } = sample(withBias, 5);
    expectPlaneGradientsMatchDifferences('softmax', points, labels, params, {});
  });

  it.each(CASES)('%s: loss parts and gradients equal the tfjs head', (_, withBias) => {
    const { points, labels, params } = sample(withBias, 9);
    expectPlaneMatchesTf('softmax', points, labels, params, {});
  });

  it.each(CASES)('%s: one sandboxStep lowers the loss', (_, withBias) => {
    const { points, labels, params } = sample(withBias, 21);
    const step = sandboxStep('softmax', points, labels, params, {}, 0.05);
    expect(step.after.total).toBeLessThan(step.before.total);
    expect(Object.keys(step.params).sort()).toEqual(Object.keys(params).sort());
  });
});
