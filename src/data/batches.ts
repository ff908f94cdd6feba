import { createRng, permutation, type Rng } from '../math/random';

/**
 * Seeded mini-batches over a fixed pool of digit indices: each epoch visits
 * every index once in a fresh seeded order; the last batch of an epoch may be short.
 */
export class BatchSampler {
  private rng: Rng;
  private order: Uint32Array = new Uint32Array(0);
  private cursor = 0;
  private epochCount = 0;

  constructor(
    private readonly pool: Uint32Array,
    private readonly batchSize: number,
    private readonly seed: number,
  ) {
    if (pool.length === 0) throw new RangeError('cannot sample batches from an empty set');
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be ≥ 1, got ${batchSize}`);
    this.rng = createRng(seed);
  }

  /** Completed epochs (passes over the pool). */
  get epoch(): number {
    return this.epochCount;
  }

  /** Where the sampler is: completed epochs and batches drawn in the current one. */
  get position(): { epoch: number; batchInEpoch: number } {
    return { epoch: this.epochCount, batchInEpoch: this.cursor / this.batchSize };
  }

  /** Moves to a position from `position` (replaying the seeded shuffles), so a restored run sees the same batches. */
  seek(epoch: number, batchInEpoch: number): void {
    this.rng = createRng(this.seed);
    for (let e = 0; e < epoch; e++) permutation(this.pool.length, this.rng);
    this.epochCount = epoch;
    this.cursor = 0;
    if (batchInEpoch > 0) {
      this.order = permutation(this.pool.length, this.rng);
      this.cursor = Math.min(batchInEpoch * this.batchSize, this.pool.length);
    }
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
