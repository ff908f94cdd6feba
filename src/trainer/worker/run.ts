import * as tf from '@tensorflow/tfjs';
import { BatchSampler } from '../../data/batches';
import { DIGIT_CLASSES } from '../../data/idx';
import { classCounts, longTailSubset } from '../../data/longTail';
import type { Mnist } from '../../data/mnist';
import { selectSubset } from '../../data/subset';
import type { HeadHyper } from '../../loss/registryTypes';
import { createRng, permutation } from '../../math/random';
import { NETWORKS, type Architecture, type NetworkId } from '../../model/architecture';
import { initialBackboneValues } from '../../model/backbone';
import { Digits } from '../../train/digits';
import { evaluatePredictions } from '../../train/evaluation';
import { embed } from '../../train/inference';
import { Learner, readLosses, type StepLoss } from '../../train/learner';
import { learningRateAt } from '../../train/schedule';
import type { RunConfig } from '../shared/config';
import type { Frame, HeadEvaluation, HeadFrame, SampleEmbedding } from '../shared/protocol';
import type { RunSnapshot } from '../shared/snapshot';

/** Fixed seeded orders of the digits a run uses. */
interface Pools { train: Uint32Array; test: Uint32Array; frameTrain: Uint32Array; frameTest: Uint32Array }

function pools(config: RunConfig, data: Mnist): Pools {
  const balanced = selectSubset(data.train.labels, config.trainSize, config.seed);
  const train = longTailSubset(data.train.labels, balanced, config.imbalance, config.imbalanceOrder, config.seed + 4);
  const test = selectSubset(data.test.labels, config.testSize, config.seed + 1);
  const order = (pool: Uint32Array, salt: number) => permutation(pool.length, createRng(config.seed + salt)).map((i) => pool[i]!);
  return { train, test, frameTrain: order(train, 5).slice(0, config.frameTrainPoints), frameTest: order(test, 2) };
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
  /** BN mode of frame features (live). */
  featureMode: RunConfig['featureMode'];

  /** Trains `network`; tests narrow its widths further with `arch`. */
  constructor(readonly config: RunConfig, data: Mnist, readonly network: NetworkId, arch: Architecture = NETWORKS[network]) {
    this.train = new Digits(data.train);
    this.test = new Digits(data.test);
    this.pools = pools(config, data);
    this.sampler = new BatchSampler(this.pools.train, config.batchSize, config.seed + 3);
    this.baseLearningRate = config.learningRate;
    this.featureMode = config.featureMode;
    const backbone = initialBackboneValues(arch, createRng(config.seed));
    this.learners = config.heads.map((h) => new Learner({ arch, head: h.id, hyper: h.hyper as HeadHyper[typeof h.id], seed: config.seed, numClasses: DIGIT_CLASSES, backbone }));
  }

  /** Digits of each class the run trains on (long-tailed when imbalance > 1). */
  trainPerClass(labels: Uint8Array): number[] {
    return classCounts(labels, this.pools.train);
  }

  /** Optimizer steps taken. */
  get step(): number { return this.learners[0]!.steps; }

  /** Completed epochs. */
  get epoch(): number { return this.sampler.epoch; }

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
    const { indices, endsEpoch } = this.sampler.next();
    const [x, z] = [this.train.images(indices), this.train.labels(indices)];
    const parts: tf.Tensor1D[] = [];
    try {
      for (const l of this.learners) parts.push(l.step(x, z, lr, this.config.weightDecay));
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

  /** Every head's features (in the feature mode) of the first `points` digits of the fixed train and test samples. */
  async frame(points: number): Promise<Frame> {
    const test = this.pools.frameTest.subarray(0, points);
    const train = this.pools.frameTrain.subarray(0, points);
    const heads: HeadFrame[] = [];
    for (const l of this.learners) {
      const params = await l.head.values();
      heads.push({ head: l.head.id, params, train: await this.sample(l, this.train, train), test: await this.sample(l, this.test, test) });
    }
    this.seq += 1;
    return { seq: this.seq, step: this.step, epoch: this.epoch, mode: this.featureMode, heads, testTotal: this.pools.test.length };
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

  /** Everything needed to resume the run exactly. */
  async snapshot(): Promise<RunSnapshot> {
    const learners = await Promise.all(this.learners.map((l) => l.snapshot()));
    return { network: this.network, step: this.step, ...this.sampler.position, learningRate: this.baseLearningRate, learners };
  }

  /** Returns to a snapshot: weights, optimizer, hyper-parameters, batch position and learning rate. */
  async restore(s: RunSnapshot): Promise<void> {
    for (const [i, l] of this.learners.entries()) await l.restore(s.learners[i]!, s.step);
    this.sampler.seek(s.epoch, s.batchInEpoch);
    this.baseLearningRate = s.learningRate;
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

  private async sample(l: Learner, digits: Digits, indices: Uint32Array): Promise<SampleEmbedding> {
    const e = await embed(l, digits, indices, this.featureMode);
    if (!e) throw new Error('embedding was cancelled');
    return { features: e.features, predictions: e.predictions, labels: digits.labelArray(indices), indices: indices.slice() };
  }
}
