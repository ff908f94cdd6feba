import * as tf from '@tensorflow/tfjs';

/** Adam's constants (Kingma & Ba); the learning rate stays live, read at every step. */
export interface AdamSettings { beta1: number; beta2: number; epsilon: number }

/** PyTorch's defaults, which the reference run used. */
export const ADAM_DEFAULTS: AdamSettings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/**
 * Adam over a fixed list of variables. Kept in-house rather than tf.train.adam so
 * the learning rate can change between steps and the moment estimates can be
 * snapshotted and restored with the weights.
 */
export class Adam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;

  constructor(readonly vars: readonly tf.Variable[], private readonly s: AdamSettings = ADAM_DEFAULTS) {
    this.m = vars.map((x) => tf.variable(tf.zerosLike(x), false));
    this.v = vars.map((x) => tf.variable(tf.zerosLike(x), false));
  }

  /** Number of updates applied so far. */
  get steps(): number { return this.t; }

  /** One update with `grads` (same order as `vars`) at learning rate `lr`. */
  apply(grads: readonly tf.Tensor[], lr: number): void {
    this.t += 1;
    const { beta1, beta2, epsilon } = this.s;
    const c1 = 1 - beta1 ** this.t, c2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      grads.forEach((g, i) => {
        const m = this.m[i]!, v = this.v[i]!, x = this.vars[i]!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        const step = tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon));
        x.assign(tf.sub(x, step));
      });
    });
  }

  /** The moment estimates and step count, read back (for snapshots). */
  async state(): Promise<{ t: number; m: Float32Array[]; v: Float32Array[] }> {
    const read = (xs: tf.Variable[]) => Promise.all(xs.map(async (x) => (await x.data()).slice() as Float32Array));
    return { t: this.t, m: await read(this.m), v: await read(this.v) };
  }

  /** Restores a state from `state()`. */
  restore(s: { t: number; m: Float32Array[]; v: Float32Array[] }): void {
    this.t = s.t;
    tf.tidy(() => {
      this.m.forEach((x, i) => x.assign(tf.tensor(s.m[i]!, x.shape)));
      this.v.forEach((x, i) => x.assign(tf.tensor(s.v[i]!, x.shape)));
    });
  }

  /** Frees the moment estimates. */
  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}
