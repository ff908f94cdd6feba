import { createRng, permutation, type Rng } from '../math/random';

/**
 * Seeded mini-batches over a fixed pool of digit indices: each epoch visits
 * every index once in a fresh seeded order; the last batch of an epoch may be short.
 */
export class BatchSampler {
  private readonly rng: Rng;
  private order: Uint32Array = new Uint32Array(0);
  private cursor = 0;
  private epochCount = 0;

  constructor(private readonly pool: Uint32Array, private readonly batchSize: number, seed: number) {
    if (pool.length === 0) throw new RangeError('cannot sample batches from an empty set');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be ≥ 1, got ${batchSize}`);
    this.rng = createRng(seed);
  }

  /** Completed epochs (passes over the pool). */
  get epoch(): number {
    return this.epochCount;
  }

  /** Batches per epoch. */
  get batchesPerEpoch(): number {
    return Math.ceil(this.pool.length / this.batchSize);
  }

  /** The next batch's digit indices; `endsEpoch` is true for the last batch of a pass. */
  next(): { indices: Uint32Array; endsEpoch: boolean } {
    if (this.cursor === 0) this.order = permutation(this.pool.length, this.rng);
    const end = Math.min(this.cursor + this.batchSize, this.pool.length);
    const indices = this.order.slice(this.cursor, end).map((i) => this.pool[i]!);
    this.cursor = end;
    const endsEpoch = end === this.pool.length;
    if (endsEpoch) {
      this.cursor = 0;
      this.epochCount += 1;
    }
    return { indices, endsEpoch };
  }
}
