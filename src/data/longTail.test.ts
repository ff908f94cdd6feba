import { describe, expect, it } from 'vitest';
import { classCounts, longTailCounts, longTailSubset } from './longTail';

describe('longTailCounts', () => {
  const full = new Array(10).fill(1000);
  it('follows n_k = n_max·ρ^(−k/9), class 0 the most frequent', () => {
    expect(longTailCounts(full, 100, 'descending')).toEqual([1000, 599, 359, 215, 129, 77, 46, 28, 17, 10]);
    expect(longTailCounts(full, 1, 'descending')).toEqual(full);
  });
  it('reverses with the ascending order, and caps at what a class has', () => {
    expect(longTailCounts(full, 100, 'ascending')).toEqual([10, 17, 28, 46, 77, 129, 215, 359, 599, 1000]);
    expect(longTailCounts([1000, 300, ...new Array(8).fill(1000)], 2, 'descending')[1]).toBe(300);
  });
});

describe('longTailSubset', () => {
  const labels = Uint8Array.from({ length: 2000 }, (_, i) => i % 10);
  const pool = Uint32Array.from({ length: 2000 }, (_, i) => i);
  it('subsamples each class to its count, seeded and sorted', () => {
    const sub = longTailSubset(labels, pool, 200, 'descending', 4);
    expect(classCounts(labels, sub)).toEqual(longTailCounts(new Array(10).fill(200), 200, 'descending'));
    expect(Array.from(longTailSubset(labels, pool, 200, 'descending', 4))).toEqual(Array.from(sub));
    expect(Array.from(sub)).toEqual(Array.from(sub).sort((a, b) => a - b));
    expect(longTailSubset(labels, pool, 1, 'descending', 4)).toBe(pool);
  });
});
