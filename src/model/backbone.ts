import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../math/random';
import { IMAGE_SIDE, backboneParams, normalizedLayers, runningStatKeys, type Architecture } from './architecture';
import { initialValue } from './init';
import { variableFrom } from './variables';
import { BN_DEFAULTS, batchNormPrelu, conv3x3, maxPool2x2, prelu, type BatchNormSettings } from './layers';
import type { ChannelStats, Moments } from './fastGradBatchNorm';

/** Which batch-norm statistics a forward pass uses: the batch's ('train') or the running ones ('eval'). */
export type BnMode = 'train' | 'eval';

/** Values of every backbone tensor, kept off the backend: for snapshots, clones and export. */
export type BackboneValues = Record<string, Float32Array>;

/** The feature extractor: trainable variables plus batch-norm running statistics. */
export class Backbone {
  readonly params: Record<string, tf.Variable> = {};
  readonly running: Record<string, { mean: tf.Variable; variance: tf.Variable }> = {};

  constructor(
    readonly arch: Architecture,
    values: BackboneValues,
    readonly bn: BatchNormSettings = BN_DEFAULTS,
  ) {
    for (const s of backboneParams(arch)) {
      this.params[s.name] = variableFrom(need(values, s.name), s.shape, true);
    }
    for (const { name, width, stats } of normalizedLayers(arch)) {
      this.running[name] = {
        mean: variableFrom(need(values, stats.mean), [width], false),
        variance: variableFrom(need(values, stats.variance), [width], false),
      };
    }
  }

  /** Trainable variables that carry weight decay (conv and FC kernels only). */
  decayed(): tf.Variable[] {
    return backboneParams(this.arch)
      .filter((s) => s.decay)
      .map((s) => this.p(s.name) as tf.Variable);
  }

  /** Images [N, 28, 28, 1] → features [N, D], with each normalized layer's batch moments in 'train' mode. */
  forward(x: tf.Tensor4D, mode: BnMode): { features: tf.Tensor2D; moments: Record<string, Moments> } {
    if (mode === 'eval') return { features: this.infer(x), moments: {} };
    const moments: Record<string, Moments> = {};
    const block = <T extends tf.Tensor>(name: string, pre: T): T => {
      const { y, moments: m } = batchNormPrelu(
        pre,
        this.p(name + '.bn.gamma'),
        this.p(name + '.bn.beta'),
        this.p(name + '.prelu'),
        this.bn.epsilon,
      );
      moments[name] = m;
      return y;
    };
    const conv = (name: string, h: tf.Tensor4D, of?: 'data') => block(name, conv3x3(h, this.p(name + '.w'), of));
    let h = conv('conv2', conv('conv1', x, 'data'));
    h = maxPool2x2(h);
    h = conv('conv4', conv('conv3', h));
    h = maxPool2x2(h);
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    const hidden = block('fc1', tf.matMul(flat, this.p('fc1.w')));
    const out = tf.add(tf.matMul(hidden, this.p('fc2.w')), this.p('fc2.b')) as tf.Tensor2D;
    return { features: prelu(out, this.p('fc2.prelu')), moments };
  }

  /**
   * Inference-mode features with each batch norm folded into the layer before it (kernel w·s,
   * bias β − μ·s, where s = γ/√(σ² + ε) from the running statistics) and PReLU fused in: one
   * kernel a layer instead of three passes over its activations, for the frames' and
   * evaluations' many digits. Equal to normalizing after the layer up to float rounding.
   */
  private infer(x: tf.Tensor4D): tf.Tensor2D {
    return tf.tidy(() => {
      const folded = (name: string) => {
        const { mean, variance } = this.stats(name);
        const scale = tf.mul(this.p(name + '.bn.gamma'), tf.rsqrt(tf.add(variance, this.bn.epsilon)));
        return {
          w: tf.mul(this.p(name + '.w'), scale),
          bias: tf.sub(this.p(name + '.bn.beta'), tf.mul(mean, scale)),
          activation: 'prelu' as const,
          preluActivationWeights: this.p(name + '.prelu'),
        };
      };
      const conv = (name: string, h: tf.Tensor4D) => {
        const { w, ...rest } = folded(name);
        return tf.fused.conv2d({ x: h, filter: w as tf.Tensor4D, strides: 1, pad: 'same', ...rest });
      };
      // tfjs's own max-pool: only its gradient needed replacing (layers.ts), and nothing differentiates here.
      let h = tf.maxPool(conv('conv2', conv('conv1', x)), 2, 2, 'valid');
      h = tf.maxPool(conv('conv4', conv('conv3', h)), 2, 2, 'valid');
      const { w, ...rest } = folded('fc1');
      const hidden = tf.fused.matMul({ a: tf.reshape(h, [h.shape[0], -1]), b: w as tf.Tensor2D, ...rest });
      const out = tf.fused.matMul({
        a: hidden,
        b: this.p<tf.Tensor2D>('fc2.w'),
        bias: this.p('fc2.b'),
        activation: 'prelu',
        preluActivationWeights: this.p('fc2.prelu'),
      });
      return out as tf.Tensor2D;
    });
  }

  /**
   * Moves the running statistics toward a training batch's moments (then the moments may
   * be disposed). The running variance takes the unbiased batch variance, n/(n−1) times
   * the biased one that normalized the batch, as PyTorch does.
   */
  updateRunning(moments: Record<string, Moments>): void {
    tf.tidy(() => {
      for (const [name, m] of Object.entries(moments)) {
        const r = this.running[name];
        if (!r) continue;
        const { momentum } = this.bn;
        const unbiased = m.count > 1 ? m.count / (m.count - 1) : 1;
        r.mean.assign(tf.add(tf.mul(r.mean, 1 - momentum), tf.mul(m.mean, momentum)));
        r.variance.assign(tf.add(tf.mul(r.variance, 1 - momentum), tf.mul(m.variance, momentum * unbiased)));
      }
    });
  }

  /** Every value, parameters and running statistics, read back from the backend. */
  async values(): Promise<BackboneValues> {
    const out: BackboneValues = {};
    for (const [name, v] of Object.entries(this.params)) out[name] = (await v.data()).slice() as Float32Array;
    for (const [name, r] of Object.entries(this.running)) {
      const keys = runningStatKeys(name);
      out[keys.mean] = (await r.mean.data()).slice() as Float32Array;
      out[keys.variance] = (await r.variance.data()).slice() as Float32Array;
    }
    return out;
  }

  /** Overwrites every value (a snapshot's restore). */
  assign(values: BackboneValues): void {
    tf.tidy(() => {
      for (const [name, v] of Object.entries(this.params)) v.assign(tf.tensor(need(values, name), v.shape));
      for (const [name, r] of Object.entries(this.running)) {
        const keys = runningStatKeys(name);
        r.mean.assign(tf.tensor1d(need(values, keys.mean)));
        r.variance.assign(tf.tensor1d(need(values, keys.variance)));
      }
    });
  }

  /** Frees every variable. */
  dispose(): void {
    for (const v of Object.values(this.params)) v.dispose();
    for (const r of Object.values(this.running)) {
      r.mean.dispose();
      r.variance.dispose();
    }
  }

  private p<T extends tf.Tensor = tf.Tensor1D>(name: string): T {
    return this.params[name] as unknown as T;
  }

  private stats(name: string): ChannelStats {
    const r = this.running[name];
    if (!r) throw new Error(`no running statistics for ${name}`);
    return { mean: r.mean as unknown as tf.Tensor1D, variance: r.variance as unknown as tf.Tensor1D };
  }
}

/** Fresh seeded values as PyTorch initialises them: U(±1/√fan_in) kernels and last bias, unit BN scale, running mean 0 and variance 1. */
export function initialBackboneValues(arch: Architecture, rng: Rng): BackboneValues {
  const values: BackboneValues = {};
  for (const s of backboneParams(arch)) values[s.name] = initialValue(s, rng);
  for (const { width, stats } of normalizedLayers(arch)) {
    values[stats.mean] = new Float32Array(width);
    values[stats.variance] = new Float32Array(width).fill(1);
  }
  return values;
}

/** Reshapes flat normalized pixels [N·784] into the network's input [N, 28, 28, 1]. */
export function imagesTensor(pixels: Float32Array, n: number): tf.Tensor4D {
  return tf.tensor4d(pixels, [n, IMAGE_SIDE, IMAGE_SIDE, 1]);
}

function need(values: BackboneValues, name: string): Float32Array {
  const v = values[name];
  if (!v) throw new Error(`missing backbone value ${name}`);
  return v;
}
