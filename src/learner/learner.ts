import * as tf from '@tensorflow/tfjs';
import { createRng } from '../math/random';
import type { HeadHyper, HeadId } from '../loss/heads';
import { HEAD_PREFIX, type LearnerSnapshot } from './snapshot';
import { Adam, type AdamSettings } from '../model/adam';
import type { Architecture } from '../model/architecture';
import { Backbone, initialBackboneValues, type BackboneValues, type BnMode } from '../model/backbone';
import type { Moments } from '../model/fastGradBatchNorm';
import type { BatchNormSettings } from '../model/layers';
import { HeadState } from './headState';

/** Offset of the head's seed from the backbone's. */
const HEAD_SEED_OFFSET = 1_000_003;

/** A training step's loss parts, read back (the weight-decay term is not included). */
export interface StepLoss {
  total: number;
  ce: number;
  reg: number;
}

/** What fixes a learner: architecture, head, its hyper-parameters and the seed of every initial value. */
export interface LearnerSpec<H extends HeadId = HeadId> {
  arch: Architecture;
  head: H;
  hyper: HeadHyper[H];
  seed: number;
  numClasses: number;
  /** Backbone values to start from (compare mode shares one backbone init); drawn from the seed if absent. */
  backbone?: BackboneValues;
  /** Head values by parameter name to start from (a parity fixture's); drawn from the seed if absent. */
  headValues?: Record<string, Float32Array>;
  /** Adam's and batch norm's constants, when not PyTorch's defaults. */
  adam?: AdamSettings;
  bn?: BatchNormSettings;
}

/** The network and its head, trained by Adam with an L2 term on conv/FC/head weights. */
export class Learner<H extends HeadId = HeadId> {
  readonly backbone: Backbone;
  readonly head: HeadState<H>;
  private readonly adam: Adam;
  private iteration = 0;

  constructor(spec: LearnerSpec<H>) {
    const rng = createRng(spec.seed);
    this.backbone = new Backbone(spec.arch, spec.backbone ?? initialBackboneValues(spec.arch, rng), spec.bn);
    // The head draws from its own stream, so a head starts the same alone or beside others.
    this.head = new HeadState(
      spec.head,
      spec.hyper,
      spec.numClasses,
      spec.arch.featureDim,
      createRng(spec.seed + HEAD_SEED_OFFSET),
    );
    if (spec.headValues) this.head.assign(spec.headValues);
    this.adam = new Adam(spec.adam);
  }

  /** Optimizer steps taken. */
  get steps(): number {
    return this.iteration;
  }

  /**
   * One Adam step on a batch; batch-norm running statistics and rule-updated parameters move
   * too. Returns the loss parts [total, ce, reg] (without the weight-decay term) as a tensor the
   * caller reads and disposes, so that several heads' parts can be read back together.
   */
  step(images: tf.Tensor4D, labels: tf.Tensor1D, lr: number, weightDecay: number): tf.Tensor1D {
    const kept: tf.Tensor[] = [];
    let moments: Record<string, Moments> = {};
    let features: tf.Tensor2D | null = null;
    let parts: tf.Tensor1D | null = null;
    const vars = this.trainable();
    const { value, grads } = tf.variableGrads(() => {
      const out = this.backbone.forward(images, 'train');
      moments = out.moments;
      features = out.features;
      const loss = this.head.loss(out.features, labels, this.iteration);
      parts = tf.stack([loss.total, loss.ce, loss.reg]) as tf.Tensor1D;
      kept.push(parts, out.features, ...Object.values(moments).flatMap((m) => [m.mean, m.variance]));
      kept.forEach((t) => tf.keep(t));
      return tf.add(loss.total, this.decayTerm(weightDecay)) as tf.Scalar;
    }, vars);
    this.adam.apply(
      vars,
      vars.map((v) => grads[v.name]!),
      lr,
    );
    this.backbone.updateRunning(moments);
    if (features) this.head.applyRules(features, labels);
    this.iteration += 1;
    tf.dispose([value, ...Object.values(grads), ...kept.filter((t) => t !== parts)]);
    return parts!;
  }

  /** One step (see step), its loss parts read back. */
  async trainStep(images: tf.Tensor4D, labels: tf.Tensor1D, lr: number, weightDecay: number): Promise<StepLoss> {
    return (await readLosses([this.step(images, labels, lr, weightDecay)]))[0]!;
  }

  /** 2-D features in inference ('eval', running statistics) or training ('train', batch statistics) mode. */
  features(images: tf.Tensor4D, mode: BnMode = 'eval'): tf.Tensor2D {
    return tf.tidy(() => this.backbone.forward(images, mode).features);
  }

  /** The head's predicted class of each feature row. */
  predict(features: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.argMax(this.head.logits(features), 1) as tf.Tensor1D);
  }

  /** New hyper-parameters for the head, applied from the next step (validated by the caller). */
  async setHyper(hyper: HeadHyper[H]): Promise<void> {
    for (const old of await this.head.setHyper(hyper)) {
      this.adam.forget(old);
      old.dispose();
    }
  }

  /** Everything needed to resume this learner exactly, keyed by parameter name. */
  async snapshot(): Promise<LearnerSnapshot> {
    const values = await this.backbone.values();
    for (const [name, v] of Object.entries(await this.head.values())) values[HEAD_PREFIX + name] = v;
    const hyper = { ...this.head.hyper } as Record<string, number | string>;
    const named = this.trainableByName();
    const { t, m, v } = await this.adam.state(named.map(([, x]) => x));
    const byName = (arrays: Float32Array[]) => Object.fromEntries(named.map(([name], i) => [name, arrays[i]!]));
    return { head: this.head.id, values, hyper, optimizer: { t, m: byName(m), v: byName(v) } };
  }

  /**
   * Restores a snapshot taken at step `step` (hyper-parameters included; its names and sizes
   * were checked against learnerLayout). Without optimizer state Adam starts afresh.
   */
  async restore(s: LearnerSnapshot, step: number): Promise<void> {
    await this.setHyper(s.hyper as HeadHyper[H]);
    this.backbone.assign(s.values);
    const head: Record<string, Float32Array> = {};
    for (const [name, v] of Object.entries(s.values))
      if (name.startsWith(HEAD_PREFIX)) head[name.slice(HEAD_PREFIX.length)] = v;
    this.head.assign(head);
    const named = this.trainableByName();
    const o = s.optimizer;
    const zeros = (name: string) => new Float32Array(s.values[name]?.length ?? 0);
    this.adam.restore(
      named.map(([, x]) => x),
      {
        t: o?.t ?? 0,
        m: named.map(([name]) => o?.m[name] ?? zeros(name)),
        v: named.map(([name]) => o?.v[name] ?? zeros(name)),
      },
    );
    this.iteration = step;
  }

  /** Frees every variable, the optimizer's included. */
  dispose(): void {
    this.backbone.dispose();
    this.head.dispose();
    this.adam.dispose();
  }

  /** The variables Adam updates: the backbone's and the head's trainable ones. */
  trainable(): tf.Variable[] {
    return this.trainableByName().map(([, x]) => x);
  }

  /** The variables Adam trains, with the names snapshots key them by. */
  private trainableByName(): [string, tf.Variable][] {
    const head = this.head.trainable().map(([n, x]): [string, tf.Variable] => [HEAD_PREFIX + n, x]);
    return [...Object.entries(this.backbone.params), ...head];
  }

  /** weightDecay/2 · Σ‖W‖² over conv/FC kernels and the head's weights (PyTorch's Adam weight_decay gradient). */
  decayTerm(weightDecay: number): tf.Scalar {
    const ws = [...this.backbone.decayed(), ...this.head.decayed()];
    if (weightDecay === 0 || ws.length === 0) return tf.scalar(0);
    return tf.mul(tf.addN(ws.map((w) => tf.sum(tf.square(w)))), weightDecay / 2);
  }
}

/** Several steps' loss parts, read back in one transfer (a blocking read on a GPU), then disposed. */
export async function readLosses(parts: tf.Tensor1D[]): Promise<StepLoss[]> {
  const all = tf.concat(parts);
  tf.dispose(parts);
  const v = await all.data();
  all.dispose();
  return parts.map((_, i) => ({ total: v[3 * i]!, ce: v[3 * i + 1]!, reg: v[3 * i + 2]! }));
}
