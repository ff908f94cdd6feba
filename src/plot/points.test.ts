import { describe, expect, it } from 'vitest';
import { squareDomain } from './domain';
import { packRgba } from './palette';
import { axisMap, renderPoints } from './points';

describe('renderPoints', () => {
  const colors = Uint32Array.from([packRgba('#ff0000'), packRgba('#0000ff')]);

  it('writes each point as a size×size square of its class colour', () => {
    const target = { pixels: new Uint32Array(16), width: 4, height: 4 };
    // (0, 2) → pixel (0, 0); (1, 1) → pixel (2, 2); (0, 0) → row 4, below the buffer; (9, 9) off; NaN skipped.
    const xy = Float32Array.from([0, 2, 1, 1, 0, 0, 9, 9, Number.NaN, 0]);
    const drawn = renderPoints(target, xy, Uint8Array.from([0, 1, 0, 0, 1]), colors, axisMap([0, 2], [0, 4]), axisMap([0, 2], [4, 0]), 2);
    expect(drawn).toBe(2);
    const r = packRgba('#ff0000'), b = packRgba('#0000ff');
    expect(r).toBe(0xff0000ff);
    expect(Array.from(target.pixels)).toEqual([r, r, 0, 0, r, r, 0, 0, 0, 0, b, b, 0, 0, b, b]);
  });
});

describe('squareDomain', () => {
  it('is square, centred and padded', () => {
    expect(squareDomain(Float32Array.from([0, 0, 4, 2]), 0)).toEqual({ x: [0, 4], y: [-1, 3] });
    expect(squareDomain(Float32Array.from([]))).toEqual({ x: [-1, 1], y: [-1, 1] });
  });
});
