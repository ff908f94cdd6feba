import { describe, expect, it } from 'vitest';
import { IMAGE_SIZE } from './idx';
import { MNIST_MEAN, MNIST_STD, normalizeInto } from './normalize';

/** Three digits: all 0, all 255, all 128. */
const images = Uint8Array.from({ length: 3 * IMAGE_SIZE }, (_, j) => [0, 255, 128][Math.floor(j / IMAGE_SIZE)] ?? 0);

describe('normalizeInto', () => {
  it('maps bytes to (x/255 − mean)/std', () => {
    const out = normalizeInto(images, [0, 1, 2], new Float32Array(3 * IMAGE_SIZE));
    expect(out[0]).toBeCloseTo(-MNIST_MEAN / MNIST_STD, 6);
    expect(out[IMAGE_SIZE]).toBeCloseTo((1 - MNIST_MEAN) / MNIST_STD, 6);
    expect(out[2 * IMAGE_SIZE + 100]).toBeCloseTo((128 / 255 - MNIST_MEAN) / MNIST_STD, 6);
    expect(out[0]).toBeCloseTo(-0.424213, 5);
    expect(out[IMAGE_SIZE]).toBeCloseTo(2.821487, 5);
  });

  it('writes the listed digits in the listed order, repeats allowed', () => {
    const out = normalizeInto(images, Uint32Array.of(1, 0, 1), new Float32Array(3 * IMAGE_SIZE));
    expect([out[0], out[IMAGE_SIZE], out[3 * IMAGE_SIZE - 1]].map((v) => Math.sign(v ?? 0))).toEqual([1, -1, 1]);
    expect(out.every((v, j) => v === out[j % IMAGE_SIZE] || Math.floor(j / IMAGE_SIZE) === 1)).toBe(true);
  });

  it('returns the buffer it was given', () => {
    const out = new Float32Array(IMAGE_SIZE);
    expect(normalizeInto(images, [2], out)).toBe(out);
  });

  it('rejects a wrongly sized output and indices outside the images', () => {
    expect(() => normalizeInto(images, [0, 1], new Float32Array(IMAGE_SIZE))).toThrow(RangeError);
    expect(() => normalizeInto(images, [3], new Float32Array(IMAGE_SIZE))).toThrow(
      /digit index 3 is outside the 3 images/,
    );
    expect(() => normalizeInto(images, [-1], new Float32Array(IMAGE_SIZE))).toThrow(RangeError);
  });
});
