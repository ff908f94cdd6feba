import { describe, expect, it } from 'vitest';
import { selectSubset } from './subset';

/** Labels 0..9 repeated: `perClass` digits of each class, interleaved. */
const balanced = (perClass: number): Uint8Array => Uint8Array.from({ length: 10 * perClass }, (_, i) => i % 10);

/** How many of the chosen indices fall in each class. */
function classCounts(labels: Uint8Array, indices: Uint32Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const i of indices) counts[labels[i] ?? 0]! += 1;
  return counts;
}

describe('selectSubset', () => {
  const labels = balanced(100);

  it('returns n distinct indices in ascending order', () => {
    const subset = selectSubset(labels, 512, 1);
    expect(subset.length).toBe(512);
    expect(subset.every((v, i) => i === 0 || v > (subset[i - 1] ?? -1))).toBe(true);
    expect(subset.every((v) => v < labels.length)).toBe(true);
  });

  it('balances the classes, spreading the remainder over seeded classes', () => {
    expect(classCounts(labels, selectSubset(labels, 500, 1))).toEqual(new Array(10).fill(50));
    const counts = classCounts(labels, selectSubset(labels, 512, 1));
    expect(counts.filter((c) => c === 52).length).toBe(2);
    expect(counts.filter((c) => c === 51).length).toBe(8);
  });

  it('takes all of a class too small for its share and shares the rest', () => {
    const skewed = Uint8Array.from([0, 0, 0, ...Array.from({ length: 450 }, (_, i) => 1 + (i % 9))]); // 3 zeros, 50 of 1..9
    const counts = classCounts(skewed, selectSubset(skewed, 93, 4));
    expect(counts[0]).toBe(3);
    expect(counts.slice(1)).toEqual(new Array(9).fill(10));
  });

  it('repeats for a seed and differs across seeds', () => {
    expect(selectSubset(labels, 100, 7)).toEqual(selectSubset(labels, 100, 7));
    expect(selectSubset(labels, 100, 7)).not.toEqual(selectSubset(labels, 100, 8));
  });

  it('returns every index when n ≥ count, none when n = 0, and rejects a bad n', () => {
    expect(Array.from(selectSubset(labels, 5000, 1))).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(selectSubset(labels, 1000, 1).length).toBe(1000);
    expect(selectSubset(labels, 0, 1).length).toBe(0);
    expect(() => selectSubset(labels, 2.5, 1)).toThrow(RangeError);
    expect(() => selectSubset(labels, -1, 1)).toThrow(RangeError);
  });
});
