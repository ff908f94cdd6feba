import { describe, expect, it } from 'vitest';
import { lSoftmaxBeta, referenceBeta, scaledBeta } from './betaSchedule';

describe('L-Softmax β schedules', () => {
  it('reference: 1000 at the start, still ≈ 136 after 2,345 iterations, floored at β_min', () => {
    expect(referenceBeta(0, 0)).toBe(1000);
    expect(referenceBeta(2345, 0)).toBeCloseTo(136.15, 2);
    expect(referenceBeta(1e7, 5)).toBe(5);
  });

  it('scaled: the same curve passing β = 1 at half the run and ≈ 3e-3 at its end', () => {
    expect(scaledBeta(0, 0, 2000)).toBe(1000);
    expect(scaledBeta(1000, 0, 2000)).toBeCloseTo(1, 10);
    expect(scaledBeta(2000, 0, 2000)).toBeCloseTo(3.1e-3, 4);
    expect(scaledBeta(2000, 0.1, 2000)).toBe(0.1);
  });

  it('decreases monotonically and dispatches on the kind', () => {
    const betas = [0, 10, 100, 1000, 5000].map((i) => scaledBeta(i, 0, 1000));
    betas.slice(1).forEach((b, i) => expect(b).toBeLessThan(betas[i] ?? Infinity));
    expect(lSoftmaxBeta(700, { kind: 'reference', betaMin: 0, runLength: 10 })).toBe(referenceBeta(700, 0));
    expect(lSoftmaxBeta(700, { kind: 'scaled', betaMin: 0, runLength: 10 })).toBe(scaledBeta(700, 0, 10));
    expect(lSoftmaxBeta(700, { kind: 'constant', betaMin: 0.5, runLength: 10 })).toBe(0.5);
  });
});
