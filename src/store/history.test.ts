import { describe, expect, it } from 'vitest';
import { appendCapped, runningLoss } from './history';

describe('appendCapped', () => {
  it('appends below the cap and thins the older half at it', () => {
    expect(appendCapped([1, 2], 3, 4)).toEqual([1, 2, 3]);
    expect(appendCapped([1, 2, 3, 4], 5, 4)).toEqual([1, 3, 4, 5]);
    let h: number[] = [];
    for (let i = 0; i < 100; i++) h = appendCapped(h, i, 10);
    expect(h.length).toBeLessThanOrEqual(10);
    expect(h[0]).toBe(0);
    expect(h[h.length - 1]).toBe(99);
  });
});

describe('runningLoss', () => {
  const point = (a: number, b: number) => ({ heads: [{ total: a }, { total: b }] });
  it('averages each head over the last steps', () => {
    const h = [point(9, 1), point(4, 2), point(2, 3)];
    expect(runningLoss(h, 0, 2)).toBe(3);
    expect(runningLoss(h, 1)).toBe(2);
    expect(runningLoss([], 0)).toBeNull();
  });
});
