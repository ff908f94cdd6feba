import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/random';
import { anyHead, initHeadParams, type HeadHyper, type HeadId } from '../loss/heads';
import { bindParams, headLogits, headLoss, headRuleUpdates, type HeadParams } from '../loss/heads.tf';
import type { LossParts } from '../loss';
import { variableFrom } from '../model/variables';
import { convertLogVars } from './logVarShapes';

/** A head's parameters held as variables, with the registry's facts about each. */
export class HeadState<H extends HeadId = HeadId> {
  readonly vars: Record<string, tf.Variable> = {};
  private readonly byOptimizer = new Set<string>();
  private readonly decayedNames = new Set<string>();

  constructor(
    readonly id: H,
    public hyper: HeadHyper[H],
    private readonly numClasses: number,
    private readonly dims: number,
    rng: Rng,
  ) {
    for (const p of initHeadParams(id, numClasses, dims, hyper, rng)) {
      this.vars[p.name] = variableFrom(p.values, p.shape, p.updatedBy === 'optimizer');
      if (p.updatedBy === 'optimizer') this.byOptimizer.add(p.name);
      if (!p.excludeFromWeightDecay) this.decayedNames.add(p.name);
    }
  }

  /** Variables the optimizer trains, by name. */
  trainable(): [string, tf.Variable][] {
    return Object.entries(this.vars).filter(([n]) => this.byOptimizer.has(n));
  }

  /** Variables that carry weight decay (FC-like weights; never means, variances or centers). */
  decayed(): tf.Variable[] {
    return Object.keys(this.vars)
      .filter((n) => this.decayedNames.has(n))
      .map((n) => this.vars[n]!);
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
      const updates = headRuleUpdates(this.id, features, labels, this.params(), this.hyper);
      for (const [name, value] of Object.entries(updates)) this.vars[name]!.assign(value);
    });
  }

  /**
   * New hyper-parameters (already validated). A covariance-mode change reshapes the
   * log-variances (see convertLogVars); returns the variables it replaced, whose
   * optimizer state must be dropped.
   */
  async setHyper(hyper: HeadHyper[H]): Promise<tf.Variable[]> {
    const replaced: tf.Variable[] = [];
    for (const [name, spec] of Object.entries(anyHead(this.id).params)) {
      const old = this.vars[name];
      const to = spec.shape(this.numClasses, this.dims, hyper);
      if (old && to && old.shape.join() === to.join()) continue;
      if (!old && !to) continue;
      const values = old ? ((await old.data()).slice() as Float32Array) : null;
      const next = convertLogVars(values, old ? old.shape : null, to);
      if (old) {
        replaced.push(old);
        delete this.vars[name];
      }
      if (next && to) this.vars[name] = variableFrom(next, to, true);
    }
    this.hyper = hyper;
    return replaced;
  }

  /** Parameter values read back, by name. */
  async values(): Promise<Record<string, Float32Array>> {
    const out: Record<string, Float32Array> = {};
    for (const [name, v] of Object.entries(this.vars)) out[name] = (await v.data()).slice() as Float32Array;
    return out;
  }

  /** Overwrites parameter values by name (a snapshot's restore); shapes must match. */
  assign(values: Record<string, Float32Array>): void {
    tf.tidy(() => {
      for (const [name, v] of Object.entries(this.vars)) {
        const given = values[name];
        if (given) v.assign(tf.tensor(given, v.shape));
      }
    });
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of Object.values(this.vars)) v.dispose();
  }
}
