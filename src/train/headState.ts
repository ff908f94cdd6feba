import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/random';
import {
  bindParams, headLogits, headLoss, headRuleUpdates, initHeadParams,
  type HeadHyper, type HeadId, type HeadParams,
} from '../loss/registry';
import type { LossParts } from '../loss';

/** A head's parameters held as variables, with the registry's facts about each. */
export class HeadState<H extends HeadId = HeadId> {
  readonly vars: Record<string, tf.Variable> = {};
  private readonly byOptimizer: string[] = [];
  private readonly decayedNames: string[] = [];

  constructor(readonly id: H, public hyper: HeadHyper[H], numClasses: number, dims: number, rng: Rng) {
    for (const p of initHeadParams(id, numClasses, dims, hyper, rng)) {
      this.vars[p.name] = tf.variable(tf.tensor(p.values, p.shape), p.updatedBy === 'optimizer');
      if (p.updatedBy === 'optimizer') this.byOptimizer.push(p.name);
      if (!p.excludeFromWeightDecay) this.decayedNames.push(p.name);
    }
  }

  /** Variables the optimizer trains. */
  trainable(): tf.Variable[] {
    return this.byOptimizer.map((n) => this.vars[n]!);
  }

  /** Variables that carry weight decay (FC-like weights; never means, variances or centers). */
  decayed(): tf.Variable[] {
    return this.decayedNames.map((n) => this.vars[n]!);
  }

  /** The typed parameter object the loss functions take. */
  params(): HeadParams[H] {
    return bindParams(this.id, this.vars);
  }

  /** The head's training loss at `iteration`. */
  loss(features: tf.Tensor2D, labels: tf.Tensor1D, iteration: number): LossParts {
    return headLoss(this.id, features, labels, this.params(), this.hyper, iteration);
  }

  /** Inference logits: their argmax is the head's prediction. */
  logits(features: tf.Tensor2D): tf.Tensor2D {
    return headLogits(this.id, features, this.params());
  }

  /** Applies the head's own update rule (center loss moves its centers) after an optimizer step. */
  applyRules(features: tf.Tensor2D, labels: tf.Tensor1D): void {
    tf.tidy(() => {
      const updates: Partial<Record<string, tf.Tensor>> = headRuleUpdates(this.id, features, labels, this.params(), this.hyper);
      for (const [name, value] of Object.entries(updates)) if (value) this.vars[name]!.assign(value);
    });
  }

  /** Parameter values read back, by name. */
  async values(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = {};
    for (const [name, v] of Object.entries(this.vars)) out[name] = (await v.data()).slice() as Float32Array;
    return out;
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of Object.values(this.vars)) v.dispose();
  }
}
