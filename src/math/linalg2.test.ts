import { describe, expect, it } from 'vitest';
import { eigenSym2 } from './linalg2';

describe('eigenSym2', () => {
  it('diagonal: eigenvalues are the entries, the larger one gives the angle', () => {
    expect(eigenSym2({ xx: 4, xy: 0, yy: 1 })).toEqual({ major: 4, minor: 1, angle: 0 });
    const tall = eigenSym2({ xx: 1, xy: 0, yy: 4 });
    expect([tall.major, tall.minor]).toEqual([4, 1]);
    expect(tall.angle).toBeCloseTo(Math.PI / 2, 12);
  });

  it('rotated: recovers R(θ)·diag(a, b)·R(θ)ᵀ for θ in (−π/2, π/2]', () => {
    for (const theta of [-1.2, -Math.PI / 4, 0.3, Math.PI / 6, 1.5]) {
      const c = Math.cos(theta),
        s = Math.sin(theta),
        a = 9,
        b = 0.25;
      const e = eigenSym2({ xx: a * c * c + b * s * s, xy: (a - b) * c * s, yy: a * s * s + b * c * c });
      expect(e.major).toBeCloseTo(a, 10);
      expect(e.minor).toBeCloseTo(b, 10);
      expect(e.angle).toBeCloseTo(theta, 10);
    }
  });

  it('isotropic: equal eigenvalues, angle 0', () => {
    expect(eigenSym2({ xx: 2, xy: 0, yy: 2 })).toEqual({ major: 2, minor: 2, angle: 0 });
  });
});
