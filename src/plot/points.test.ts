import { describe, expect, it } from 'vitest';
import { plotMaps, shownDomain, squareDomainOf } from './domain';
import { packRgba } from './palette';
import { axisMap, filterMask, renderPoints } from './points';

describe('renderPoints', () => {
  const colors = Uint32Array.from([packRgba('#ff0000'), packRgba('#0000ff')]);

  it('writes each point as a size×size square of its class colour', () => {
    const target = { pixels: new Uint32Array(16), width: 4, height: 4 };
    // (0, 2) → pixel (0, 0); (1, 1) → pixel (2, 2); (0, 0) → row 4, below the buffer; (9, 9) off; NaN skipped.
    const xy = Float32Array.from([0, 2, 1, 1, 0, 0, 9, 9, Number.NaN, 0]);
    const drawn = renderPoints(
      target,
      xy,
      Uint8Array.from([0, 1, 0, 0, 1]),
      colors,
      axisMap([0, 2], [0, 4]),
      axisMap([0, 2], [4, 0]),
      2,
    );
    expect(drawn).toBe(2);
    const r = packRgba('#ff0000'),
      b = packRgba('#0000ff');
    expect(r).toBe(0xff0000ff);
    expect(Array.from(target.pixels)).toEqual([r, r, 0, 0, r, r, 0, 0, 0, 0, b, b, 0, 0, b, b]);
  });
});

describe('squareDomainOf', () => {
  it('is square, centred and padded', () => {
    expect(squareDomainOf([Float32Array.from([0, 0, 4, 2])], 0)).toEqual({ x: [0, 4], y: [-1, 3] });
    expect(squareDomainOf([Float32Array.from([])])).toEqual({ x: [-1, 1], y: [-1, 1] });
  });
});

describe('plot maps under zoom', () => {
  it('maps the domain onto the plot, y upward, and zooms in pixel space', () => {
    const { mx, my } = plotMaps({ x: [0, 10], y: [0, 10] }, 100, 100);
    expect([mx, my]).toEqual([
      { scale: 10, offset: 0 },
      { scale: -10, offset: 100 },
    ]);
    const z = plotMaps({ x: [0, 10], y: [0, 10] }, 100, 100, { k: 2, x: -50, y: -50 });
    expect(shownDomain(z.mx, z.my, 100, 100)).toEqual({ x: [2.5, 7.5], y: [2.5, 7.5] });
  });

  it('shares one square domain between point sets', () => {
    expect(squareDomainOf([Float32Array.from([0, 0]), Float32Array.from([4, 2, Number.NaN, 9])], 0)).toEqual({
      x: [0, 4],
      y: [-1, 3],
    });
  });
});

describe('renderPoints with a mask', () => {
  it('draws only the points whose mask byte is set', () => {
    const target = { pixels: new Uint32Array(9), width: 3, height: 3 };
    const drawn = renderPoints(
      target,
      Float32Array.from([0, 0, 2, 2]),
      Uint8Array.from([0, 0]),
      Uint32Array.of(7),
      axisMap([0, 2], [0, 2]),
      axisMap([0, 2], [2, 0]),
      1,
      Uint8Array.from([0, 1]),
    );
    expect(drawn).toBe(1);
    expect(Array.from(target.pixels)).toEqual([0, 0, 7, 0, 0, 0, 0, 0, 0]);
  });
});

describe('filterMask', () => {
  it('keeps misclassified digits, or one confusion cell', () => {
    const labels = Uint8Array.from([1, 1, 2, 3]),
      predictions = Uint8Array.from([1, 2, 2, 2]),
      out = new Uint8Array(4);
    expect(filterMask(labels, predictions, { misclassifiedOnly: true, cell: null }, out)).toBe(2);
    expect(Array.from(out)).toEqual([0, 1, 0, 1]);
    expect(filterMask(labels, predictions, { misclassifiedOnly: false, cell: { truth: 3, predicted: 2 } }, out)).toBe(
      1,
    );
    expect(Array.from(out)).toEqual([0, 0, 0, 1]);
  });
});
