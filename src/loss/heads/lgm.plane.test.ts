import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sandboxStep } from '../heads';
import {
  expectPlaneGradientsMatchDifferences,
  expectPlaneMatchesTf,
  planeSample,
  sampleClassMeans,
} from '../testSupport';
import { lgmPlaneLoss, type LgmPlaneHyper } from './lgm.plane';

const N = 12,
  K = 3,
  D = 2;

/** Seeded points, labels (every class present), means and, for covariance 'diag', log-variances. */
function sample(covariance: LgmPlaneHyper['covariance'], seed: number) {
  const { points, labels, normals } = planeSample(seed, N, K);
  const means = normals(K * D, 1.5),
    logVars = normals(K * D, 0.5);
  const params: Record<string, Float32Array> = covariance === 'diag' ? { means, logVars } : { means };
  return { points, labels, params, means, logVars };
}

const CASES: [string, LgmPlaneHyper][] = (['identity', 'diag'] as const).map((covariance) => [
  covariance,
  { alpha: 0.3, lambda: 0.2, covariance },
]);

describe('L-GM plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s: gradients (total and reg) match central differences', (_, h) => {
    const { points, labels, params } = sample(h.covariance, 5);
    expectPlaneGradientsMatchDifferences('lgm', points, labels, params, h);
  });

  it('identity: log-variances given anyway get a zero gradient (the loss ignores them)', () => {
    const { points, labels, means, logVars } = sample('diag', 5);
    const h: LgmPlaneHyper = { alpha: 0.3, lambda: 0.2, covariance: 'identity' };
    expectPlaneGradientsMatchDifferences('lgm', points, labels, { means, logVars }, h);
    expect(lgmPlaneLoss(points, labels, { means, logVars }, h).total).toBe(
      lgmPlaneLoss(points, labels, { means }, h).total,
    );
  });

  it.each(CASES)('%s: loss parts and gradients equal the tfjs head', (_, h) => {
    const { points, labels, params } = sample(h.covariance, 9);
    expectPlaneMatchesTf('lgm', points, labels, params, h);
  });

  it('diag: a log-variance beyond the clamp gets no gradient, as in training', () => {
    const { points, labels, means, logVars } = sample('diag', 9);
    const h: LgmPlaneHyper = { alpha: 0.3, lambda: 0.2, covariance: 'diag' };
    const clamped = { means, logVars: logVars.map((v, i) => (i === 1 ? 25 : i === 2 ? -25 : v)) };
    expectPlaneMatchesTf('lgm', points, labels, clamped, h);
    const { grads, regGrads } = lgmPlaneLoss(points, labels, clamped, h);
    expect([grads.logVars?.[1], grads.logVars?.[2], regGrads?.logVars?.[1], regGrads?.logVars?.[2]]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(grads.logVars?.[0]).not.toBe(0);
  });

  it.each(CASES)('%s: one sandboxStep lowers the loss; the pull −regGrads points to the batch mean', (_, h) => {
    const { points, labels, params, means: start } = sample(h.covariance, 21);
    const step = sandboxStep('lgm', points, labels, params, h, 1e-2);
    expect(step.after.total).toBeLessThan(step.before.total);
    const pull = step.before.regGrads?.means ?? new Float64Array(K * D).fill(NaN);
    const { means } = sampleClassMeans(points, labels, K);
    expect(Array.from(step.before.batchMeans ?? [])).toEqual(means.map((v) => expect.closeTo(v, 6)));
    for (let k = 0; k < K; k++) {
      const toward = [0, 1].map((j) => (means[k * D + j] ?? NaN) - (start[k * D + j] ?? NaN));
      const along = [0, 1].reduce((sum, j) => sum - (pull[k * D + j] ?? NaN) * (toward[j] ?? NaN), 0);
      expect(along, `class ${k}`).toBeGreaterThan(0);
    }
  });

  it("names missing log-variances under covariance 'diag'", () => {
    const { points, labels, means } = sample('identity', 5);
    expect(() => lgmPlaneLoss(points, labels, { means }, { alpha: 0.1, lambda: 0.1, covariance: 'diag' })).toThrow(
      /lgmPlaneLoss logVars \(covariance 'diag'\): length absent, expected 6/,
    );
  });
});
