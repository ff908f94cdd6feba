import { describe, expect, it } from 'vitest';
import { mnistFromInk } from './drawnDigit';

/** A `side`² canvas with full ink in the rectangle [x0, x1) × [y0, y1). */
function canvas(side: number, x0: number, y0: number, x1: number, y1: number): Uint8Array {
  const ink = new Uint8Array(side * side);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * side + x] = 255;
  return ink;
}

/** Bounding box [x0, y0, x1, y1] (inclusive) and centre of mass of a 28×28 image. */
function measure(img: Uint8Array) {
  let [x0, y0, x1, y1, m, mx, my] = [28, 28, -1, -1, 0, 0, 0];
  img.forEach((v, i) => {
    if (!v) return;
    const [x, y] = [i % 28, Math.floor(i / 28)];
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    [m, mx, my] = [m + v, mx + v * (x + 0.5), my + v * (y + 0.5)];
  });
  return { box: [x0, y0, x1, y1], com: [mx / m, my / m] };
}

describe('mnistFromInk', () => {
  it('is null for an empty canvas', () => {
    expect(mnistFromInk(new Uint8Array(140 * 140), 140)).toBeNull();
  });

  it('fits a tall stroke into 20 pixels of height, keeps its aspect, and centres its mass', () => {
    // A bar 20 wide and 100 high, off to the top left of a 140-pixel canvas.
    const img = mnistFromInk(canvas(140, 5, 3, 25, 103), 140)!;
    const { box, com } = measure(img);
    expect(box[3]! - box[1]! + 1).toBe(20);
    expect(box[2]! - box[0]! + 1).toBe(4);
    expect(Math.abs(com[0]! - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com[1]! - 14)).toBeLessThanOrEqual(0.5);
  });

  it('averages the ink a pixel covers: a one-pixel line on a big canvas is grey, not dropped', () => {
    const img = mnistFromInk(canvas(140, 0, 0, 140, 1).fill(255, 139 * 140), 140)!;
    // Two horizontal lines 139 pixels apart: 20 pixels high, each line a faint row.
    const rows = Array.from({ length: 28 }, (_, y) => Math.max(...img.subarray(y * 28, y * 28 + 28)));
    expect(rows.filter((v) => v > 0)).toHaveLength(2);
    expect(Math.max(...rows)).toBeGreaterThan(0);
    expect(Math.max(...rows)).toBeLessThan(255);
  });

  it('puts a full square at 20×20 in the middle', () => {
    const img = mnistFromInk(canvas(56, 10, 10, 30, 30), 56)!;
    expect(measure(img).box).toEqual([4, 4, 23, 23]);
    expect(img[14 * 28 + 14]).toBe(255);
  });
});
