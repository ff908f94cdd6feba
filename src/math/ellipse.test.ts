import { describe, expect, it } from 'vitest';
import { covarianceEllipse, type Ellipse } from './ellipse';

const fixed = (e: Ellipse): string[] => [e.cx, e.cy, e.rx, e.ry, e.angle].map((v) => v.toFixed(6));

describe('covarianceEllipse', () => {
  it('axis-aligned at 1, 2 and 3σ: radii are k·sqrt(eigenvalue), not k·eigenvalue', () => {
    const cov = { xx: 4, xy: 0, yy: 0.25 };
    expect(fixed(covarianceEllipse({ x: 1, y: -2 }, cov, 1))).toEqual([
      '1.000000',
      '-2.000000',
      '2.000000',
      '0.500000',
      '0.000000',
    ]);
    expect(fixed(covarianceEllipse({ x: 1, y: -2 }, cov, 2))).toEqual([
      '1.000000',
      '-2.000000',
      '4.000000',
      '1.000000',
      '0.000000',
    ]);
    expect(fixed(covarianceEllipse({ x: 1, y: -2 }, cov, 3))).toEqual([
      '1.000000',
      '-2.000000',
      '6.000000',
      '1.500000',
      '0.000000',
    ]);
  });

  it('rotated by 30°: cov [[3.25, 1.299038], [1.299038, 1.75]] has axes 2 and 1', () => {
    const cov = { xx: 3.25, xy: 0.75 * Math.sqrt(3), yy: 1.75 };
    expect(fixed(covarianceEllipse({ x: 0, y: 0 }, cov, 2))).toEqual([
      '0.000000',
      '0.000000',
      '4.000000',
      '2.000000',
      (Math.PI / 6).toFixed(6),
    ]);
  });

  it('a rounding-negative eigenvalue gives radius 0, not NaN', () => {
    const e = covarianceEllipse({ x: 0, y: 0 }, { xx: 1, xy: 1 + 1e-12, yy: 1 }, 1);
    expect(e.ry).toBe(0);
    expect(e.rx).toBeCloseTo(Math.SQRT2, 9);
    expect(e.angle).toBeCloseTo(Math.PI / 4, 12);
  });
});
