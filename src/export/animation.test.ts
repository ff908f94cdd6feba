import { describe, expect, it } from 'vitest';
import { gifFacts } from '../../e2e/lab';
import { encodeGif, subsample, type Rgba } from './animation';

/** A `width`×`height` image of one opaque colour. */
function solid(width: number, height: number, [r, g, b]: [number, number, number]): Rgba {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i += 4) data.set([r, g, b, 255], i);
  return { data, width, height };
}

describe('subsample', () => {
  it('keeps every item when they fit', () => {
    expect(subsample([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('picks `max` evenly spaced items, the first and last among them, none twice', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i),
      picked = subsample(items, 150);
    expect(picked).toHaveLength(150);
    expect([picked[0], picked.at(-1)]).toEqual([0, 999]);
    const gaps = picked.slice(1).map((x, i) => x - picked[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(7);
  });

  it('takes the first and last of a list one longer than the cap', () => {
    expect(subsample([0, 1, 2, 3], 3)).toEqual([0, 2, 3]);
  });

  it('names a cap below 2', () => {
    expect(() => subsample([1, 2, 3], 1)).toThrow(/max must be an integer ≥ 2.*got 1/);
  });
});

describe('encodeGif', () => {
  it('writes a looping GIF89a with one image per frame and reports each', async () => {
    const colours: [number, number, number][] = [
      [255, 0, 0],
      [0, 128, 255],
      [20, 200, 20],
      [250, 250, 250],
    ];
    const done: number[] = [];
    const bytes = await encodeGif(
      4,
      (i) => solid(7, 5, colours[i]!),
      (n) => done.push(n),
    );
    expect(gifFacts(bytes)).toEqual({ version: 'GIF89a', width: 7, height: 5, images: 4 });
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it('names an image whose size differs from the first', async () => {
    const sizes = [7, 7, 6];
    await expect(
      encodeGif(
        3,
        (i) => solid(sizes[i]!, 5, [0, 0, 0]),
        () => {},
      ),
    ).rejects.toThrow('encodeGif: image 2 is 6×5, the first 7×5');
  });
});

describe('gifFacts', () => {
  it('finds a truncated file', async () => {
    const bytes = await encodeGif(
      2,
      () => solid(4, 4, [9, 9, 9]),
      () => {},
    );
    expect(() => gifFacts(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
  });
});
