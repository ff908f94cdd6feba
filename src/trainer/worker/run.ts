import * as tf from '@tensorflow/tfjs';
import { BatchSampler } from '../../data/batches';
import type { Mnist } from '../../data/mnist';
import { selectSubset } from '../../data/subset';
import { defaultHyper } from '../../loss/registry';
import { createRng, permutation } from '../../math/random';
import { PAPER_ARCHITECTURE } from '../../model/architecture';
import { Digits } from '../../train/digits';
import { accuracy, embed } from '../../train/inference';
import { Learner, type StepLoss } from '../../train/learner';
import type { RunConfig } from '../shared/config';
import type { Frame, StepMetrics } from '../shared/protocol';

/** Steps averaged in the running loss. */
const RUNNING_WINDOW = 20;

/** One training run: a learner, its batches and the test digits it draws and evaluates. */
export class Run {
  readonly learner: Learner;
  private readonly train: Digits;
  private readonly test: Digits;
  private readonly sampler: BatchSampler;
  /** The test subset in a fixed seeded order: a frame of n digits shows the first n. */
  readonly frameOrder: Uint32Array;
  private readonly testSubset: Uint32Array;
  private readonly trainUsed: number;
  private readonly recent: number[] = [];
  private firstLoss: number | null = null;
  private seq = 0;

  constructor(readonly config: RunConfig, data: Mnist) {
    this.train = new Digits(data.train);
    this.test = new Digits(data.test);
    const trainSubset = selectSubset(data.train.labels, config.trainSize, config.seed);
    this.testSubset = selectSubset(data.test.labels, config.testSize, config.seed + 1);
    const order = permutation(this.testSubset.length, createRng(config.seed + 2));
    this.frameOrder = order.map((i) => this.testSubset[i]!);
    this.trainUsed = trainSubset.length;
    this.sampler = new BatchSampler(trainSubset, config.batchSize, config.seed + 3);
    const head = config.head;
    this.learner = new Learner({ arch: PAPER_ARCHITECTURE, head, hyper: defaultHyper(head), seed: config.seed, numClasses: 10 });
  }

  /** Subset sizes actually used. */
  get sizes(): { trainUsed: number; testUsed: number } {
    return { trainUsed: this.trainUsed, testUsed: this.testSubset.length };
  }

  /** One optimizer step; `endsEpoch` says the pass over the training subset is complete. */
  async step(): Promise<{ loss: StepLoss; metrics: StepMetrics; endsEpoch: boolean }> {
    const t0 = performance.now();
    const { indices, endsEpoch } = this.sampler.next();
    const [x, z] = [this.train.images(indices), this.train.labels(indices)];
    const loss = await this.learner.trainStep(x, z, this.config.learningRate, this.config.weightDecay);
    tf.dispose([x, z]);
    this.firstLoss ??= loss.total;
    this.recent.push(loss.total);
    if (this.recent.length > RUNNING_WINDOW) this.recent.shift();
    const runningLoss = this.recent.reduce((a, b) => a + b, 0) / this.recent.length;
    const samplesPerSecond = indices.length / ((performance.now() - t0) / 1000);
    const metrics = { step: this.learner.steps, epoch: this.sampler.epoch, loss: loss.total, runningLoss, firstLoss: this.firstLoss, samplesPerSecond };
    return { loss, metrics, endsEpoch };
  }

  /** Inference-mode features of the first `n` digits of the frame order. */
  async frame(n: number): Promise<Frame> {
    const indices = this.frameOrder.subarray(0, n);
    const e = await embed(this.learner, this.test, indices, 'eval');
    if (!e) throw new Error('frame embedding was cancelled');
    this.seq += 1;
    return { seq: this.seq, step: this.learner.steps, features: e.features, labels: this.test.labelArray(indices), ofTotal: this.frameOrder.length };
  }

  /** Test accuracy over the whole test subset; null if `between` cancelled it. */
  async evaluate(between: () => Promise<boolean>): Promise<number | null> {
    const e = await embed(this.learner, this.test, this.testSubset, 'eval', between);
    return e ? accuracy(e.predictions, this.test.labelArray(this.testSubset)) : null;
  }

  /** Completed epochs. */
  get epoch(): number {
    return this.sampler.epoch;
  }

  /** Frees the learner. */
  dispose(): void {
    this.learner.dispose();
  }
}
