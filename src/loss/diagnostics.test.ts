import { describe, expect, it } from 'vitest';
import { gaussianDiagnostics } from './diagnostics';

// Two classes in the plane; class 0 has σ² = (0.25, 0.25) so ln|Σ| = 2·ln 0.25 < 0.
const params = {
  means: Float32Array.from([0, 0, 4, 0]),
  logVars: Float32Array.from([Math.log(0.25), Math.log(0.25), 0, 0]),
};
// Class 0 points: at its mean (d = ln 0.25 ≈ −1.386) and at (1, 1) (maha = 8, d = 4 − 1.386 = 2.614); class 1 at (4, 1): d = 0.5.
const xy = Float32Array.from([0, 0, 1, 1, 4, 1]);
const labels = Uint8Array.from([0, 0, 1]);

describe('gaussianDiagnostics', () => {
  it('counts negative true-class distances and the slack of the literal margin (by hand)', () => {
    const dg = gaussianDiagnostics(params, { alpha: 0.1, gamma: 0, on: 'full' }, xy, labels);
    expect(dg.negativeShare).toBeCloseTo(1 / 3, 12);
    expect(dg.slackShare).toBeCloseTo(1 / 3, 12);
    const ds = [Math.log(0.25), 4 + Math.log(0.25), 0.5];
    expect(dg.meanAlphaShift).toBeCloseTo(ds.reduce((a, d) => a - 0.1 * d, 0) / 3, 6);
  });

  it('finds no slack when α acts on the Mahalanobis part', () => {
    const dg = gaussianDiagnostics(params, { alpha: 0.1, gamma: 0, on: 'mahalanobis' }, xy, labels);
    expect(dg.slackShare).toBe(0);
    expect(dg.meanAlphaShift).toBeCloseTo(-(0.1 * 0.5 * (0 + 8 + 1)) / 3, 6);
  });

  it('compares learned and empirical variances and measures the tilt (by hand)', () => {
    const tilted = Float32Array.from([-1, -1, 1, 1, -1, -0.5, 1, 0.5]);
    const dg = gaussianDiagnostics(
      { means: Float32Array.from([0, 0]), logVars: Float32Array.from([0, Math.log(2)]) },
      { alpha: 0, gamma: 0, on: 'full' },
      tilted,
      new Uint8Array(4),
    );
    const c = dg.classes[0]!;
    expect(c.empiricalVar[0]).toBeCloseTo(1, 12);
    expect(c.empiricalVar[1]).toBeCloseTo((1 + 1 + 0.25 + 0.25) / 4, 12);
    expect(c.learnedVar[1]).toBeCloseTo(2, 6);
    expect(c.ratio[1]).toBeCloseTo(2 / 0.625, 6);
    expect(c.correlation).toBeCloseTo(0.75 / Math.sqrt(0.625), 12);
  });
});
