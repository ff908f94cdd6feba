import { describe, expect, it } from 'vitest';
import { buildHitIndex, nearestPoint } from './hitTest';

const id = { scale: 1, offset: 0 };

describe('hit testing', () => {
  const xy = Float32Array.from([5, 5, 20, 20, 21, 20, 99, 99, -3, 4]);

  it('buckets the points on the plot by cell', () => {
    const index = buildHitIndex(xy, id, id, 32, 32, 16);
    expect([index.cols, index.rows]).toEqual([2, 2]);
    expect(Array.from(index.start)).toEqual([0, 1, 1, 1, 3]);
    expect(Array.from(index.order.subarray(0, 3))).toEqual([0, 1, 2]);
  });

  it('finds the nearest point within the radius, across cells, or −1', () => {
    const index = buildHitIndex(xy, id, id, 32, 32, 16);
    expect(nearestPoint(index, 17, 19, 5)).toBe(1);
    expect(nearestPoint(index, 21.4, 20, 5)).toBe(2);
    expect(nearestPoint(index, 5, 12, 5)).toBe(-1);
    expect(nearestPoint(index, 30, 30, 40)).toBe(2);
  });

  it('skips masked points and reuses the previous buffers', () => {
    const first = buildHitIndex(xy, id, id, 32, 32, 16);
    const index = buildHitIndex(xy, id, id, 32, 32, 16, Uint8Array.from([1, 0, 1, 1, 1]), first);
    expect(index.order).toBe(first.order);
    expect(nearestPoint(index, 19, 20, 5)).toBe(2);
    expect(nearestPoint(index, 5, 5, 1)).toBe(0);
  });

  it('agrees with a brute-force search over 20,000 points', () => {
    const many = Float32Array.from({ length: 40_000 }, (_, i) => ((i * 7919 + (i >> 1) * 104_729) % 4800) / 10);
    const index = buildHitIndex(many, id, id, 480, 480);
    const brute = (x: number, y: number, r: number) => {
      let best = -1,
        bestD = r * r;
      for (let i = 0; i < 20_000; i++) {
        const d = (many[2 * i]! - x) ** 2 + (many[2 * i + 1]! - y) ** 2;
        if (d <= bestD) {
          best = i;
          bestD = d;
        }
      }
      return best;
    };
    for (let k = 0; k < 200; k++) {
      const x = (k * 37.3) % 480,
        y = (k * 91.7) % 480;
      expect(nearestPoint(index, x, y, 6)).toBe(brute(x, y, 6));
    }
  });
});
