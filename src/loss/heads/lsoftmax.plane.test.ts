import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../math/random';
import { sandboxStep } from '../heads';
import { expectPlaneGradientsMatchDifferences, expectPlaneMatchesTf } from '../testSupport';
import { lSoftmaxPlaneBeta, type LSoftmaxPlaneHyper } from './lsoftmax.plane';

const N = 12,
  K = 3,
  D = 2;

/** Closest a sample's cos θ may come to a piece boundary cos(jπ/m) of ψ, or to the clip at ±1. */
const CLEARANCE = 1e-3;

/**
 * Seeded weights and points (every class present) whose angle to their own class's weight is at least CLEARANCE
 * (in cos θ) from ψ's piece boundaries: there ψ is smooth, so central differences see its derivative.
 */
function sample(m: LSoftmaxPlaneHyper['m'], seed: number) {
  const rng = createRng(seed);
  const weights = Float32Array.from({ length: K * D }, () => rng.normal());
  const bounds = [-1, 1, ...Array.from({ length: m - 1 }, (_, j) => Math.cos(((j + 1) * Math.PI) / m))];
  const xy: number[] = [],
    labels: number[] = [];
  while (labels.length < N) {
    const z = labels.length < K ? labels.length : rng.int(K);
    const x = 2 * rng.normal(),
      y = 2 * rng.normal();
    const wx = weights[z * D] ?? 0,
      wy = weights[z * D + 1] ?? 0;
    const cos = (wx * x + wy * y) / (Math.hypot(wx, wy) * Math.hypot(x, y));
    if (bounds.some((b) => Math.abs(cos - b) < CLEARANCE)) continue;
    xy.push(x, y);
    labels.push(z);
  }
  return { points: Float32Array.from(xy), labels: Uint8Array.from(labels), params: { weights } };
}

const hyper = (m: LSoftmaxPlaneHyper['m'], schedule: LSoftmaxPlaneHyper['schedule'], betaMin: number) => ({
  m,
  schedule,
  betaMin,
  runLength: 2345,
});

// Every m at β = 0 (the full margin) and β = 0.5; the two annealed schedules at m = 2 (β ≈ 0.003 and 136).
const CASES: [string, LSoftmaxPlaneHyper][] = [
  ...([1, 2, 3, 4] as const).flatMap((m) =>
    [0, 0.5].map((b): [string, LSoftmaxPlaneHyper] => [`m ${m}, constant β ${b}`, hyper(m, 'constant', b)]),
  ),
  ['m 2, scaled', hyper(2, 'scaled', 0)],
  ['m 2, reference', hyper(2, 'reference', 0)],
];

describe('L-Softmax plane math', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(CASES)('%s: gradients match central differences away from the pieces of ψ', (_, h) => {
    const { points, labels, params } = sample(h.m, 5);
    expectPlaneGradientsMatchDifferences('lsoftmax', points, labels, params, h);
  });

  it.each(CASES)('%s: loss parts and gradients equal the tfjs head where the run ends', (_, h) => {
    const { points, labels, params } = sample(h.m, 9);
    expectPlaneMatchesTf('lsoftmax', points, labels, params, h, h.runLength);
  });

  it.each(CASES)('%s: one sandboxStep lowers the loss', (_, h) => {
    const { points, labels, params } = sample(h.m, 21);
    const step = sandboxStep('lsoftmax', points, labels, params, h, 1e-2);
    expect(step.after.total).toBeLessThan(step.before.total);
  });

  it('takes β where the run ends: the full margin under the scaled schedule, little of it under the reference one', () => {
    expect(lSoftmaxPlaneBeta(hyper(2, 'scaled', 0))).toBeLessThan(0.01);
    expect(lSoftmaxPlaneBeta(hyper(2, 'reference', 0))).toBeCloseTo(136, 0);
    expect(lSoftmaxPlaneBeta(hyper(2, 'constant', 0.5))).toBe(0.5);
  });
});
