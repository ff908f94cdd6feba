import { describe, expect, it } from 'vitest';
import { BatchSampler } from './batches';

const pool = Uint32Array.from({ length: 10 }, (_, i) => 100 + i);

describe('BatchSampler', () => {
  it('visits every index once per epoch, ending with a short batch', () => {
    const s = new BatchSampler(pool, 4, 1);
    const sizes: number[] = [],
      seen: number[] = [];
    let done = false;
    while (!done) {
      const b = s.next();
      sizes.push(b.indices.length);
      seen.push(...b.indices);
      done = b.endsEpoch;
    }
    expect(sizes).toEqual([4, 4, 2]);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from(pool));
    expect(s.epoch).toBe(1);
    expect(s.batchesPerEpoch).toBe(3);
  });

  it('is seeded, and reshuffles each epoch', () => {
    const a = new BatchSampler(pool, 10, 7),
      b = new BatchSampler(pool, 10, 7);
    const first = Array.from(a.next().indices);
    expect(Array.from(b.next().indices)).toEqual(first);
    expect(Array.from(a.next().indices)).not.toEqual(first);
  });

  it('refuses an empty pool and a bad batch size', () => {
    expect(() => new BatchSampler(new Uint32Array(0), 4, 1)).toThrow('empty');
    expect(() => new BatchSampler(pool, 0, 1)).toThrow('batch size');
  });
});

describe('BatchSampler.seek', () => {
  it('resumes the exact batch sequence from a position', () => {
    const a = new BatchSampler(pool, 3, 9);
    for (let i = 0; i < 5; i++) a.next();
    const at = a.position;
    expect(at).toEqual({ epoch: 1, batchInEpoch: 1 });
    const expected = [a.next(), a.next(), a.next()].map((b) => Array.from(b.indices));
    const b = new BatchSampler(pool, 3, 9);
    b.seek(at.epoch, at.batchInEpoch);
    expect([b.next(), b.next(), b.next()].map((x) => Array.from(x.indices))).toEqual(expected);
  });
});
