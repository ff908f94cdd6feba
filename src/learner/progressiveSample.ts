import type { Embedding } from './inference';
import type { SampleEmbedding } from '../trainer/shared/protocol';

/**
 * The latest features and predictions of one fixed frame sample (one split) for every head,
 * and the step each digit was last embedded at. Embedding a whole dense sample every frame
 * costs more than a frame's share of the worker's time on a CPU, so a frame re-embeds only a
 * slice — cycling through the sample, so every digit is refreshed within ⌈size/slice⌉
 * frames — and sends the digits embedded so far, each at its latest position. A new sample
 * grows by the same slices from its first digit: the first frame of a run comes after a slice,
 * not after the whole sample (at step 0, seconds of both cores on a CPU for a picture of one
 * untrained blob). A sample that is stale as a whole (another feature mode, restored weights)
 * is embedded whole at its next refresh: digits of different weights or BN modes are never
 * mixed.
 */
export class ProgressiveSample {
  private readonly features: Float32Array[];
  private readonly predictions: Uint8Array[];
  /** The step each digit was last embedded at. */
  private readonly steps: Float64Array;
  /** Where the next slice starts. */
  private cursor = 0;
  /** Digits embedded so far, the sample's first ones: fewer than all only while a new sample grows. */
  private filled = 0;
  private stale = false;
  /** The step of the last refresh (the range of an empty sample). */
  private lastStep = 0;

  constructor(
    /** MNIST indices of the sample's digits, in drawing order. */
    readonly indices: Uint32Array,
    readonly labels: Uint8Array,
    heads: number,
    readonly dims = 2,
  ) {
    this.features = Array.from({ length: heads }, () => new Float32Array(indices.length * dims));
    this.predictions = Array.from({ length: heads }, () => new Uint8Array(indices.length));
    this.steps = new Float64Array(indices.length);
  }

  /** Digits in the sample. */
  get size(): number {
    return this.indices.length;
  }

  /** Digits the next refresh embeds: all when stale, else `slice` (at least one, at most all). */
  planSize(slice: number): number {
    return this.stale ? this.size : Math.min(this.size, Math.max(1, Math.floor(slice)));
  }

  /** Positions (in the sample) the next refresh embeds: all when stale, else `planSize(slice)` from the cursor, cycling. */
  plan(slice: number): Uint32Array {
    const start = this.stale ? 0 : this.cursor;
    return Uint32Array.from({ length: this.planSize(slice) }, (_, i) => (start + i) % this.size);
  }

  /** MNIST indices of planned positions, to embed. */
  digits(positions: Uint32Array): Uint32Array {
    return positions.map((p) => this.indices[p]!);
  }

  /** Stores head `head`'s embedding of the planned positions (in their order). */
  write(head: number, positions: Uint32Array, e: Embedding): void {
    const f = this.features[head]!,
      pr = this.predictions[head]!,
      d = this.dims;
    positions.forEach((p, i) => {
      f.set(e.features.subarray(i * d, (i + 1) * d), p * d);
      pr[p] = e.predictions[i]!;
    });
  }

  /** Marks planned positions (every head written) as embedded at `step` and moves the cursor past them (a growing sample grows by them). */
  commit(positions: Uint32Array, step: number): void {
    for (const p of positions) this.steps[p] = step;
    if (positions.length) this.cursor = (positions[positions.length - 1]! + 1) % this.size;
    if (positions.length === this.size) this.stale = false;
    this.filled = Math.min(this.size, this.filled + positions.length);
    this.lastStep = step;
  }

  /** Whether a new sample still grows: some of its digits were never embedded. */
  get growing(): boolean {
    return !this.stale && this.filled < this.size;
  }

  /** Makes the next refresh embed the whole sample (the stored features no longer match the run). */
  invalidate(): void {
    this.stale = true;
  }

  /** The oldest and newest step among the embedded digits' features. */
  stepRange(): { oldestStep: number; newestStep: number } {
    if (!this.filled) return { oldestStep: this.lastStep, newestStep: this.lastStep };
    let oldestStep = Infinity,
      newestStep = -Infinity;
    for (const s of this.steps.subarray(0, this.filled)) {
      oldestStep = Math.min(oldestStep, s);
      newestStep = Math.max(newestStep, s);
    }
    return { oldestStep, newestStep };
  }

  /**
   * Head `head`'s sample, its digits embedded so far (all but while a new sample grows), each at
   * its latest position: fresh copies, since a frame's buffers are transferred.
   */
  sample(head: number): SampleEmbedding {
    const n = this.filled;
    return {
      features: this.features[head]!.slice(0, n * this.dims),
      predictions: this.predictions[head]!.slice(0, n),
      labels: this.labels.slice(0, n),
      indices: this.indices.slice(0, n),
      ...this.stepRange(),
    };
  }
}
