import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxStep } from '../heads';
import {
  expectPlaneGradientsMatchDifferences,
  expectPlaneMatchesTf,
  planeSample,
  sampleClassMeans,
} from '../testSupport';

const N = 12,
  K = 3,
  D = 2;

/** Seeded points, labels (every class present), the softmax layer (bias for `withBias`) and centers. */
function sample(withBias: boolean, seed: number) {
  const { points, labels, normals } = planeSample(seed, N, K);
  const weights = normals(K * D, 1),
    centers = normals(K * D, 1.5);
  const params: Record<string, Float32Array> = withBias
    ? { weights, bias: normals(K, 0.5), centers }
    : { weights, centers };
  return { points, labels, params, centers };
}

// λ well above the default 0.01 so the center term weighs in the checks; α is the rule's, unused by the plane loss.
const HYPER = { lambda: 0.3, alpha: 0.5 };

const CASES = [
  ['with bias', true],
  ['without bias', false],
] as const;

describe('Center-loss plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s: gradients (total and reg) match central differences', (_, withBias) => {
    const { points, labels, params } = sample(withBias, 5);
    expectPlaneGradientsMatchDifferences('center', points, labels, params, HYPER);
  });

  it.each(CASES)('%s: loss parts and gradients equal the tfjs head', (_, withBias) => {
    const { points, labels, params } = sample(withBias, 9);
    expectPlaneMatchesTf('center', points, labels, params, HYPER);
  });

  it.each(CASES)('%s: one sandboxStep lowers the loss, centers move toward their batch means', (_, withBias) => {
    const { points, labels, params, centers } = sample(withBias, 21);
    const step = sandboxStep('center', points, labels, params, HYPER, 0.1);
    expect(step.after.total).toBeLessThan(step.before.total);
    const { means, distance } = sampleClassMeans(points, labels, K);
    expect(Array.from(step.before.batchMeans ?? [])).toEqual(means.map((v) => expect.closeTo(v, 6)));
    for (let k = 0; k < K; k++) {
      expect(distance(step.params.centers ?? [], k), `class ${k}`).toBeLessThan(distance(centers, k));
    }
  });
});
