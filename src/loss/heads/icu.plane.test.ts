import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxStep } from '../heads';
import {
  expectPlaneGradientsMatchDifferences,
  expectPlaneMatchesTf,
  planeSample,
  sampleClassMeans,
} from '../testSupport';
import type { IcuPlaneHyper } from './icu.plane';

const N = 12,
  K = 3,
  D = 2;

/** Seeded points, labels (every class present) and params. */
function sample(cov: IcuPlaneHyper['cov'], seed: number) {
  const { points, labels, normals } = planeSample(seed, N, K);
  const params = { means: normals(K * D, 1.5), logVars: normals(K * (cov === 'diag' ? D : 1), 0.5) };
  return { points, labels, params };
}

const CASES: IcuPlaneHyper[] = (['diag', 'iso'] as const).flatMap((cov) =>
  (['full', 'mahalanobis'] as const).map((marginOn) => ({
    alpha: 0.3,
    gamma: 0.2,
    lambdaMu: 0.15,
    lambdaSigma: 0.07,
    cov,
    marginOn,
  })),
);

const named = CASES.map((h) => [`${h.cov} ${h.marginOn}`, h] as const);

describe('ICU plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(named)('%s: gradients (total and reg) match central differences', (_, h) => {
    const { points, labels, params } = sample(h.cov, 5);
    expectPlaneGradientsMatchDifferences('icu', points, labels, params, h);
  });

  it.each(named)('%s: loss parts and gradients equal the tfjs head', (_, h) => {
    const { points, labels, params } = sample(h.cov, 9);
    expectPlaneMatchesTf('icu', points, labels, params, h);
  });

  it.each(named)('%s: one sandboxStep lowers the loss, means move toward their points', (_, h) => {
    const { points, labels, params } = sample(h.cov, 21);
    const step = sandboxStep('icu', points, labels, params, h, 1e-3);
    expect(step.after.total).toBeLessThan(step.before.total);
    const { means, distance } = sampleClassMeans(points, labels, K);
    expect(Array.from(step.before.batchMeans ?? [])).toEqual(means.map((v) => expect.closeTo(v, 6)));
    for (let k = 0; k < K; k++) {
      expect(distance(step.params.means ?? [], k), `class ${k}`).toBeLessThan(distance(params.means, k));
    }
  });
});
