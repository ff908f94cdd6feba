import { describe, expect, it } from 'vitest';
import { empiricalEllipses } from '../math/gaussian2';
import { gaussianEllipses } from '../loss/gaussianEllipses';
import { ellipseMarks, ellipsePath, meanCrosses, toPixelEllipse, type PixelEllipse } from './ellipses';

const mx = { scale: 10, offset: 100 },
  my = { scale: -10, offset: 200 };
const fixed = (p: PixelEllipse) => [p.cx, p.cy, p.rx, p.ry, p.rotateDeg].map((v) => v.toFixed(3));

describe('toPixelEllipse', () => {
  it('scales the centre and radii and flips the rotation with y', () => {
    const p = toPixelEllipse({ cx: 1, cy: 2, rx: 2, ry: 1, angle: Math.PI / 6 }, mx, my);
    expect(fixed(p)).toEqual(['110.000', '180.000', '20.000', '10.000', '-30.000']);
  });

  it('is exact for unequal axis scales: a unit circle becomes an upright ellipse', () => {
    const p = toPixelEllipse(
      { cx: 0, cy: 0, rx: 1, ry: 1, angle: 0 },
      { scale: 10, offset: 0 },
      { scale: -20, offset: 0 },
    );
    expect(fixed(p)).toEqual(['0.000', '0.000', '20.000', '10.000', '90.000']);
  });
});

describe('ellipse marks', () => {
  it('draws an ellipse as two half arcs through the ends of its major axis', () => {
    expect(ellipsePath({ cx: 110, cy: 180, rx: 20, ry: 10, rotateDeg: -30 })).toBe(
      'M127.32,170A20,10 -30 0 1 92.68,190A20,10 -30 0 1 127.32,170Z',
    );
  });

  it('learned L-GM ellipses at 1σ and 3σ, one mark per class and σ', () => {
    const unit = gaussianEllipses({ means: Float32Array.from([0, 0, 1, 1]) }, 1);
    const marks = ellipseMarks('learned', unit, [1, 3], mx, my);
    expect(marks.map((m) => `${m.kind} ${m.cls} ${m.sigma} ${m.d}`)).toEqual([
      'learned 0 1 M110,200A10,10 0 0 1 90,200A10,10 0 0 1 110,200Z',
      'learned 1 1 M120,190A10,10 0 0 1 100,190A10,10 0 0 1 120,190Z',
      'learned 0 3 M130,200A30,30 0 0 1 70,200A30,30 0 0 1 130,200Z',
      'learned 1 3 M140,190A30,30 0 0 1 80,190A30,30 0 0 1 140,190Z',
    ]);
  });

  it('empirical ellipses skip empty classes; means are + (learned) and × (empirical)', () => {
    const xy = Float32Array.from([-1, 0, 1, 0, 0, 2, 0, 4]);
    const unit = empiricalEllipses(xy, Uint8Array.from([0, 0, 2, 2]), 3, 1);
    expect(ellipseMarks('empirical', unit, [2], mx, my).map((m) => [m.cls, m.d])).toEqual([
      [0, 'M120,200A20,0 0 0 1 80,200A20,0 0 0 1 120,200Z'],
      [2, 'M100,190A20,0 90 0 1 100,150A20,0 90 0 1 100,190Z'],
    ]);
    expect(meanCrosses('learned', unit, mx, my, 3)[0]?.d).toBe('M97,200H103M100,197V203');
    expect(meanCrosses('empirical', unit, mx, my, 3)[1]?.d).toBe('M97,167L103,173M97,173L103,167');
  });
});
