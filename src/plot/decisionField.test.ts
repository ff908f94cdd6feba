import { describe, expect, it } from 'vitest';
import { boundaryPath } from './boundaries';
import { boundaryScores, classifyGrid, createFieldGrid, densityPixels, fieldPixels, gridScores } from './decisionField';
import { typedHead } from './headParams';

const square = { x: [-1, 1] as [number, number], y: [-1, 1] as [number, number] };

describe('decision field', () => {
  // Class 0 scores x, class 1 scores −x: the boundary is the line x = 0.
  const linear = typedHead('softmax', { weights: Float32Array.from([1, 0, -1, 0]) });

  it('classifies cell centres row by row from the top, with the head’s own rule', () => {
    const grid = createFieldGrid(4, 2);
    classifyGrid(grid, linear, square);
    expect(
      Array.from(grid.xy)
        .map((v) => v.toFixed(2))
        .slice(0, 4),
    ).toEqual(['-0.75', '0.50', '-0.25', '0.50']);
    expect(Array.from(grid.classes)).toEqual([1, 1, 0, 0, 1, 1, 0, 0]);
    const out = fieldPixels(grid.classes, Uint32Array.of(10, 20), new Uint32Array(8));
    expect(Array.from(out)).toEqual([20, 20, 10, 10, 20, 20, 10, 10]);
  });

  it('draws a straight boundary once, at the interpolated zero of the score difference', () => {
    const grid = createFieldGrid(4, 4);
    classifyGrid(grid, linear, square);
    const d = boundaryPath(grid, gridScores(grid, linear), 2, 100, 100);
    expect(d).toBe('M50,12.5L50,37.5M50,37.5L50,62.5M50,62.5L50,87.5');
  });

  it('follows a Gaussian head’s curved boundary to within a hundredth of a cell', () => {
    // ICU, σ² = 1 and 1/4 around (∓0.5, 0): d_0 = d_1 on the circle r(x, y) = 0 of radius 1.17 around (0.83, 0).
    const icu = typedHead('icu', {
      means: Float32Array.from([-0.5, 0, 0.5, 0]),
      logVars: Float32Array.from([0, 0, -Math.log(4), -Math.log(4)]),
    });
    const grid = createFieldGrid(64, 64);
    classifyGrid(grid, icu, square);
    const d = boundaryPath(grid, gridScores(grid, icu), 2, 640, 640);
    const points = [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map(
      (m) => [Number(m[1]) / 320 - 1, 1 - Number(m[2]) / 320] as const,
    );
    const r = (x: number, y: number) => -1.5 * x * x + 2.5 * x - 1.5 * y * y - 0.375 + Math.log(4);
    const worst = Math.max(...points.map(([x, y]) => Math.abs(r(x, y)) / Math.hypot(2.5 - 3 * x, 3 * y)));
    expect(points.length).toBeGreaterThan(100);
    expect(worst).toBeLessThan(0.01 * (2 / 64));
  });

  it('marks a three-class junction with spokes from one point', () => {
    const three = typedHead('softmax', { weights: Float32Array.from([0, 1, -0.866, -0.5, 0.866, -0.5]) });
    const grid = createFieldGrid(2, 2);
    classifyGrid(grid, three, { x: [-1, 1], y: [-1.2, 0.8] });
    expect(Array.from(grid.classes)).toEqual([0, 0, 1, 2]);
    expect(boundaryPath(grid, gridScores(grid, three), 3, 2, 2).match(/M/g)).toHaveLength(3);
  });

  it('shades the Gaussian likelihood by log-density below its peak', () => {
    // One class, −d = −x²/2 at x = 0, 2, 4: ln p drops 0, 2 and 8 nats; 8 nats span the alpha range.
    const out = densityPixels(Float32Array.from([0, -2, -8]), 1, 0x00112233, 200, new Uint32Array(3));
    expect(Array.from(out, (v) => (v >>> 24).toString())).toEqual(['200', '150', '0']);
    expect((out[0]! & 0xffffff).toString(16)).toBe('112233');
  });
});

describe('boundaryScores', () => {
  it('scores just the cells next to a class change, enough for the same boundary', () => {
    const icu = typedHead('icu', {
      means: Float32Array.from([-0.5, 0, 0.5, 0]),
      logVars: Float32Array.from([0, 0, -1.4, -1.4]),
    });
    const grid = createFieldGrid(32, 32);
    classifyGrid(grid, icu, square);
    const full = boundaryPath(grid, gridScores(grid, icu), 2, 320, 320);
    expect(boundaryPath(grid, boundaryScores(grid, icu, 2), 2, 320, 320)).toBe(full);
  });
});
