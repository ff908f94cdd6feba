import { describe, expect, it } from 'vitest';
import { createRng } from './random';
import { classMoments, empiricalEllipses } from './gaussian2';

describe('classMoments', () => {
  it('means and ML covariances (÷n) of a small labelled set; empty class null; labels ≥ K ignored', () => {
    const xy = new Float32Array([0, 0, 2, 0, 0, 2, 2, 2, 5, 5, 9, 9]);
    const labels = new Uint8Array([0, 0, 0, 0, 2, 7]);
    const [a, b, c] = classMoments(xy, labels, 3);
    expect(a).toEqual({ count: 4, mean: { x: 1, y: 1 }, cov: { xx: 1, xy: 0, yy: 1 } });
    expect(b).toBeNull();
    expect(c).toEqual({ count: 1, mean: { x: 5, y: 5 }, cov: { xx: 0, xy: 0, yy: 0 } });
  });

  it('recovers a correlated cloud centred far from the origin', () => {
    const rng = createRng(4),
      n = 20000,
      xy = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) {
      const u = rng.normal(),
        v = rng.normal();
      xy[2 * i] = 1e4 + u;
      xy[2 * i + 1] = -1e4 + 0.6 * u + 0.8 * v; // var 1 and 1, correlation 0.6
    }
    const m = classMoments(xy, new Uint8Array(n), 1)[0];
    expect(m?.cov.xx).toBeCloseTo(1, 1);
    expect(m?.cov.yy).toBeCloseTo(1, 1);
    expect(m?.cov.xy).toBeCloseTo(0.6, 1);
  });

  it('rejects mismatched lengths', () => {
    expect(() => classMoments(new Float32Array(3), new Uint8Array(2), 1)).toThrow();
  });
});

describe('empiricalEllipses', () => {
  it('gives the k-σ ellipse of each non-empty class', () => {
    const xy = new Float32Array([-2, 0, 2, 0, 0, -1, 0, 1]);
    const [e0, e1] = empiricalEllipses(xy, new Uint8Array([0, 0, 1, 1]), 3, 2);
    expect(e0).toEqual({ cx: 0, cy: 0, rx: 4, ry: 0, angle: 0 });
    expect(e1?.rx).toBeCloseTo(2, 12);
    expect(e1?.angle).toBeCloseTo(Math.PI / 2, 12);
    expect(empiricalEllipses(xy, new Uint8Array([0, 0, 1, 1]), 3, 2)[2]).toBeNull();
  });
});
