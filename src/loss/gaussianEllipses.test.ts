import { describe, expect, it } from 'vitest';
import { gaussianEllipses } from './gaussianEllipses';

describe('learned Gaussian ellipses', () => {
  const means = new Float32Array([1, 2, -3, 0.5]);

  it('diag: σ² = exp(s), radii k·σ, major axis along the larger variance', () => {
    const logVars = new Float32Array([Math.log(4), Math.log(0.25), Math.log(0.25), Math.log(9)]);
    const [a, b] = gaussianEllipses({ means, logVars }, 3);
    expect([a?.cx, a?.cy, a?.rx, a?.ry, a?.angle].map((v) => v?.toFixed(5))).toEqual([
      '1.00000',
      '2.00000',
      '6.00000',
      '1.50000',
      '0.00000',
    ]);
    expect([b?.rx, b?.ry, b?.angle].map((v) => v?.toFixed(5))).toEqual([
      '9.00000',
      '1.50000',
      (Math.PI / 2).toFixed(5),
    ]);
  });

  it('iso: circles of radius k·exp(t/2); L-GM identity: radius k', () => {
    const [c] = gaussianEllipses({ means, logVars: new Float32Array([Math.log(0.04), 0]) }, 2);
    expect(c?.rx).toBeCloseTo(0.4, 6);
    expect(c?.ry).toBeCloseTo(0.4, 6);
    const [, d] = gaussianEllipses({ means }, 1);
    expect([d?.cx, d?.cy, d?.rx, d?.ry]).toEqual([-3, 0.5, 1, 1]);
  });

  it('clamps log-variances as training does', () => {
    const [e] = gaussianEllipses({ means, logVars: new Float32Array([-50, -50, 0, 0]) }, 1);
    expect(e?.rx).toBeCloseTo(Math.exp(-10), 12);
  });
});
