import { describe, expect, it } from 'vitest';
import { appendCapped } from './history';

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
