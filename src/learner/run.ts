import * as tf from '@tensorflow/tfjs';
import { BatchSampler } from '../data/batches';
import { DIGIT_CLASSES } from '../data/idx';
import { classCounts, longTailSubset } from '../data/longTail';
import type { Mnist } from '../data/mnist';
import { selectSubset } from '../data/subset';
import type { HeadHyper, HeadId } from '../loss/heads';
import { createRng, permutation } from '../math/random';
import { NETWORKS, type Architecture, type NetworkId } from '../model/architecture';
import { initialBackboneValues } from '../model/backbone';
import { Digits } from './digits';
import { evaluatePredictions } from '../math/evaluation';
import { embed } from './inference';
import { Learner, readLosses, type StepLoss } from './learner';
import { learningRateAt } from '../trainer/shared/schedule';
import { batchOf, firstOfKind, type RunConfig } from '../trainer/shared/config';
import type { Frame, HeadEvaluation, HeadFrame, SampleEmbedding } from '../trainer/shared/protocol';
import type { RunSnapshot } from '../trainer/shared/runSnapshot';
import { ProgressiveSample } from './progressiveSample';

/**
 * Test digits per frame sample (capped by the run's test subset): dense enough to read a panel
 * at Fig. 2's ~300 px, and few enough to embed once at initialisation on a CPU.
 */
export const FRAME_TEST_POINTS = 2000;

/**
 * The train sample is re-embedded at this fraction of the test sample's rate once it is whole:
 * the drawn-test accuracy and Fig. 2's test panels then follow the weights as closely for less
 * of the worker's time (measured in docs/performance.md, "Cheaper frames").
 */
const TRAIN_REFRESH_RATE = 0.5;

/** Called between chunks of embedding: resolves false to cancel. */
type Between = () => Promise<boolean>;

/** Fixed seeded orders of the digits a run uses. */
interface Pools {
  train: Uint32Array;
  test: Uint32Array;
  frameTrain: Uint32Array;
  frameTest: Uint32Array;
}

function pools(config: RunConfig, data: Mnist): Pools {
  const balanced = selectSubset(data.train.labels, config.trainSize, config.seed);
  const train = longTailSubset(data.train.labels, balanced, config.imbalance, config.imbalanceOrder, config.seed + 4);
  const test = selectSubset(data.test.labels, config.testSize, config.seed + 1);
  const order = (pool: Uint32Array, salt: number) =>
    permutation(pool.length, createRng(config.seed + salt)).map((i) => pool[i]!);
  return { train, test, frameTrain: order(train, 5).slice(0, config.frameTrainPoints), frameTest: order(test, 2) };
}

/** What the worker's driver needs of a run: a Run, or a SplitRun whose heads train in two workers. */
export type TrainingRun = Pick<
  Run,
  | 'pools'
  | 'step'
  | 'epoch'
  | 'learningRate'
  | 'baseLearningRate'
  | 'featureMode'
  | 'setFeatureMode'
  | 'headCount'
  | 'headOf'
  | 'trainPerClass'
  | 'trainStep'
  | 'frame'
  | 'framesGrowing'
  | 'frameSampleSize'
  | 'frameCost'
  | 'fullFrame'
  | 'evaluate'
  | 'snapshot'
  | 'restore'
  | 'embedDigit'
  | 'setHyper'
  | 'dispose'
>;

/** A head of a run: which loss, and the hyper-parameters in force. */
export interface RunHead {
  id: HeadId;
  hyper: Record<string, number | string>;
}

/** One run: a learner per head, all on the same initial backbone and the same batches. */
export class Run {
  readonly learners: Learner[];
  readonly pools: Pools;
  private readonly train: Digits;
  private readonly test: Digits;
  private readonly sampler: BatchSampler;
  /** The base learning rate (live); the schedule scales it by training progress. */
  baseLearningRate: number;
  private seq = 0;
  private mode: RunConfig['featureMode'];
  /** Each split's frame sample, at its latest features (progressive refresh). */
  private readonly samples: { train: ProgressiveSample; test: ProgressiveSample };

  /** Trains `network`; tests narrow its widths further with `arch`. */
  constructor(
    readonly config: RunConfig,
    data: Mnist,
    readonly network: NetworkId,
    arch: Architecture = NETWORKS[network],
  ) {
    this.train = new Digits(data.train);
    this.test = new Digits(data.test);
    this.pools = pools(config, data);
    this.sampler = new BatchSampler(this.pools.train, batchOf(config, network), config.seed + 3);
    this.baseLearningRate = config.learningRate;
    this.mode = config.featureMode;
    const backbone = initialBackboneValues(arch, createRng(config.seed));
    // A fork trains as its source's twin, with the source's settings, until its step (forkDue).
    this.learners = config.heads.map(
      (h, i) =>
        new Learner({
          arch,
          head: h.id,
          hyper: (h.fork ? config.heads[firstOfKind(config.heads, i)]!.hyper : h.hyper) as HeadHyper[typeof h.id],
          seed: config.seed,
          numClasses: DIGIT_CLASSES,
          backbone,
        }),
    );
    const sample = (digits: Digits, pool: Uint32Array) =>
      new ProgressiveSample(pool, digits.labelArray(pool), this.learners.length, arch.featureDim);
    this.samples = {
      train: sample(this.train, this.pools.frameTrain),
      test: sample(this.test, this.pools.frameTest.subarray(0, FRAME_TEST_POINTS)),
    };
  }

  /** BN mode of frame features (live). */
  get featureMode(): RunConfig['featureMode'] {
    return this.mode;
  }

  /** Switches the BN mode of frame features: the next frame embeds its samples whole, so modes never mix. */
  setFeatureMode(mode: RunConfig['featureMode']): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.invalidateFrames();
  }

  /** Digits of each class the run trains on (long-tailed when imbalance > 1). */
  trainPerClass(labels: Uint8Array): number[] {
    return classCounts(labels, this.pools.train);
  }

  /** Optimizer steps taken. */
  get step(): number {
    return this.learners[0]!.steps;
  }

  /** Heads the run trains. */
  get headCount(): number {
    return this.learners.length;
  }

  /** Head `i` (a copy of its settings), or undefined if there is none. */
  headOf(i: number): RunHead | undefined {
    const l = this.learners[i];
    return l && { id: l.head.id, hyper: { ...(l.head.hyper as Record<string, number | string>) } };
  }

  /** Completed epochs. */
  get epoch(): number {
    return this.sampler.epoch;
  }

  /** Training progress in (fractional) epochs. */
  get progress(): number {
    const { epoch, batchInEpoch } = this.sampler.position;
    return epoch + batchInEpoch / this.sampler.batchesPerEpoch;
  }

  /** The learning rate of the next step: the base rate under the run's schedule. */
  get learningRate(): number {
    return learningRateAt(this.baseLearningRate, this.config.schedule, this.progress);
  }

  /** One step of every head on the same batch, at `learningRate`; `endsEpoch` marks the last batch of a pass. */
  async trainStep(): Promise<{ losses: StepLoss[]; batch: number; endsEpoch: boolean; learningRate: number }> {
    // The rate of this batch's place in the schedule: read before the sampler moves past it.
    const lr = this.learningRate;
    const rates = this.config.heads.map((h) =>
      h.learningRate !== undefined && this.step >= h.fork!.step
        ? learningRateAt(h.learningRate, this.config.schedule, this.progress)
        : lr,
    );
    await this.forkDue();
    const { indices, endsEpoch } = this.sampler.next();
    const [x, z] = [this.train.images(indices), this.train.labels(indices)];
    const parts: tf.Tensor1D[] = [];
    try {
      for (const [i, l] of this.learners.entries()) parts.push(l.step(x, z, rates[i]!, this.config.weightDecay));
    } catch (e) {
      tf.dispose(parts);
      throw e;
    } finally {
      tf.dispose([x, z]);
    }
    // Every head's losses in one read-back: on a GPU each read is a wait for the queue to drain.
    const losses = await readLosses(parts);
    return { losses, batch: indices.length, endsEpoch, learningRate: lr };
  }

  /**
   * A frame of both whole frame samples, after re-embedding up to `slice` digits of each (every
   * head, in the feature mode; the whole sample when it is stale); `embedded` counts the
   * digit embeddings this took. Null if `between` (called after each chunk) cancelled it.
   */
  async frame(slice: number, between?: Between): Promise<{ frame: Frame; embedded: number } | null> {
    let embedded = 0;
    for (const [split, digits] of [
      ['train', this.train],
      ['test', this.test],
    ] as const) {
      const sample = this.samples[split],
        positions = sample.plan(this.sliceOf(split, slice)),
        indices = sample.digits(positions);
      for (const [i, l] of this.learners.entries()) {
        const e = await embed(l, digits, indices, this.featureMode, between);
        // Some heads' digits moved and others did not: only a whole refresh makes the sample one again.
        if (!e) {
          sample.invalidate();
          return null;
        }
        sample.write(i, positions, e);
      }
      sample.commit(positions, this.step);
      embedded += positions.length * this.learners.length;
    }
    const heads: HeadFrame[] = [];
    for (const [i, l] of this.learners.entries()) {
      heads.push({
        head: l.head.id,
        params: await l.head.values(),
        train: this.samples.train.sample(i),
        test: this.samples.test.sample(i),
      });
    }
    return { frame: this.frameOf(heads), embedded };
  }

  /** Whether a frame sample still grows from a new run's first slice (see ProgressiveSample). */
  get framesGrowing(): boolean {
    return this.samples.train.growing || this.samples.test.growing;
  }

  /** Digits in the larger frame sample: a slice never needs more. */
  get frameSampleSize(): number {
    return Math.max(this.samples.train.size, this.samples.test.size);
  }

  /** Digit embeddings the next `frame(slice)` costs. */
  frameCost(slice: number): number {
    const { train, test } = this.samples;
    return (train.planSize(this.sliceOf('train', slice)) + test.planSize(slice)) * this.learners.length;
  }

  /** Digits of a split a frame of `slice` re-embeds: a whole train sample refreshes at TRAIN_REFRESH_RATE. */
  private sliceOf(split: 'train' | 'test', slice: number): number {
    const sample = this.samples[split];
    return split === 'train' && !sample.growing ? Math.ceil(slice * TRAIN_REFRESH_RATE) : slice;
  }

  /**
   * Every head's features of the first `points` digits of the fixed train and test orders, all at
   * the current step (figures, reproduce); null if `between` cancelled it.
   */
  async fullFrame(points: number, between?: Between): Promise<Frame | null> {
    const heads: HeadFrame[] = [];
    for (const l of this.learners) {
      const params = await l.head.values();
      const train = await this.current(l, this.train, this.pools.frameTrain.subarray(0, points), between);
      const test = train && (await this.current(l, this.test, this.pools.frameTest.subarray(0, points), between));
      if (!train || !test) return null;
      heads.push({ head: l.head.id, params, train, test });
    }
    return this.frameOf(heads);
  }

  /** Every head's evaluation on the whole test subset; null if `between` cancelled it. */
  async evaluate(between: () => Promise<boolean>): Promise<HeadEvaluation[] | null> {
    const labels = this.test.labelArray(this.pools.test);
    const out: HeadEvaluation[] = [];
    for (const l of this.learners) {
      const e = await embed(l, this.test, this.pools.test, 'eval', between);
      if (!e) return null;
      out.push(evaluatePredictions(e.predictions, labels));
    }
    return out;
  }

  /**
   * Forks whose step has come take their source's state (weights, BN statistics, head, Adam's
   * moments) and their own settings, so they branch off it exactly whatever happened before.
   */
  private async forkDue(): Promise<void> {
    const heads = this.config.heads;
    for (const [i, h] of heads.entries()) {
      if (h.fork?.step !== this.step) continue;
      const source = await this.learners[firstOfKind(heads, i)]!.snapshot();
      await this.learners[i]!.restore({ ...source, hyper: h.hyper }, this.step);
    }
  }

  /** Everything needed to resume the run exactly. */
  async snapshot(): Promise<RunSnapshot> {
    const learners = await Promise.all(this.learners.map((l) => l.snapshot()));
    return {
      network: this.network,
      step: this.step,
      ...this.sampler.position,
      learningRate: this.baseLearningRate,
      learners,
    };
  }

  /** Returns to a snapshot: weights, optimizer, hyper-parameters, batch position and learning rate. */
  async restore(s: RunSnapshot): Promise<void> {
    for (const [i, l] of this.learners.entries()) await l.restore(s.learners[i]!, s.step);
    this.sampler.seek(s.epoch, s.batchInEpoch);
    this.baseLearningRate = s.learningRate;
    this.invalidateFrames();
  }

  /**
   * Every head's 2-D features of one MNIST image (a digit the visitor drew), interleaved x, y per
   * head; with running BN statistics whatever the plotted mode: one digit has no batch statistics.
   */
  async embedDigit(pixels: Uint8Array): Promise<Float32Array> {
    const digit = new Digits({ count: 1, images: pixels, labels: new Uint8Array(1) });
    const features = tf.tidy(() => {
      const x = digit.images([0]);
      return tf.concat(this.learners.map((l) => l.features(x, 'eval').flatten()));
    });
    try {
      return (await features.data()) as Float32Array;
    } finally {
      features.dispose();
    }
  }

  /** Sets a head's hyper-parameters (validated by the caller). */
  async setHyper(head: number, hyper: Record<string, number | string>): Promise<void> {
    const l = this.learners[head]!;
    await l.setHyper(hyper as HeadHyper[typeof l.head.id]);
  }

  /** Frees every learner. */
  dispose(): void {
    this.learners.forEach((l) => l.dispose());
  }

  private frameOf(heads: HeadFrame[]): Frame {
    this.seq += 1;
    return {
      seq: this.seq,
      step: this.step,
      epoch: this.epoch,
      mode: this.featureMode,
      heads,
      trainTotal: this.pools.train.length,
      testTotal: this.pools.test.length,
    };
  }

  /** Features from other weights or another BN mode must not be drawn beside the new ones. */
  private invalidateFrames(): void {
    this.samples.train.invalidate();
    this.samples.test.invalidate();
  }

  private async current(
    l: Learner,
    digits: Digits,
    indices: Uint32Array,
    between?: Between,
  ): Promise<SampleEmbedding | null> {
    const e = await embed(l, digits, indices, this.featureMode, between);
    if (!e) return null;
    return {
      features: e.features,
      predictions: e.predictions,
      labels: digits.labelArray(indices),
      indices: indices.slice(),
      oldestStep: this.step,
      newestStep: this.step,
    };
  }
}
