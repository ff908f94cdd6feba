import * as tf from '@tensorflow/tfjs';

/** Adam's constants (Kingma & Ba); the learning rate stays live, passed at every step. */
export interface AdamSettings { beta1: number; beta2: number; epsilon: number }

/** PyTorch's defaults, which the reference run used. */
export const ADAM_DEFAULTS: AdamSettings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** The optimizer's state for a list of variables, read back (for snapshots). */
export interface AdamState { t: number; m: Float32Array[]; v: Float32Array[] }

interface Slots { m: tf.Variable; v: tf.Variable }

/**
 * Adam with moment estimates kept per variable. In-house rather than
 * tf.train.adam so the learning rate can change between steps, a head can
 * swap a parameter for one of another shape (its moments restart), and the
 * state can be snapshotted and restored with the weights.
 */
export class Adam {
  private readonly slots = new Map<tf.Variable, Slots>();
  private t = 0;

  constructor(private readonly s: AdamSettings = ADAM_DEFAULTS) {}

  /** One update of each variable by its gradient at learning rate `lr`. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[], lr: number): void {
    this.t += 1;
    const { beta1, beta2, epsilon } = this.s;
    const c1 = 1 - beta1 ** this.t, c2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      vars.forEach((x, i) => {
        const { m, v } = this.slotsOf(x);
        const g = grads[i]!;
        m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
        v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
        x.assign(tf.sub(x, tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon))));
      });
    });
  }

  /** Drops a variable's moments (it was replaced). */
  forget(x: tf.Variable): void {
    const s = this.slots.get(x);
    if (s) tf.dispose([s.m, s.v]);
    this.slots.delete(x);
  }

  /** The moments of `vars`, in order, and the step count. */
  async state(vars: readonly tf.Variable[]): Promise<AdamState> {
    const read = async (t: tf.Variable) => (await t.data()).slice() as Float32Array;
    const all = vars.map((x) => this.slotsOf(x));
    return { t: this.t, m: await Promise.all(all.map((s) => read(s.m))), v: await Promise.all(all.map((s) => read(s.v))) };
  }

  /** Restores the moments of `vars` from `state()`. */
  restore(vars: readonly tf.Variable[], s: AdamState): void {
    this.t = s.t;
    tf.tidy(() => vars.forEach((x, i) => {
      const slots = this.slotsOf(x);
      slots.m.assign(tf.tensor(s.m[i]!, x.shape));
      slots.v.assign(tf.tensor(s.v[i]!, x.shape));
    }));
  }

  /** Frees every moment estimate. */
  dispose(): void {
    for (const x of [...this.slots.keys()]) this.forget(x);
  }

  private slotsOf(x: tf.Variable): Slots {
    let s = this.slots.get(x);
    if (!s) {
      s = tf.tidy(() => ({ m: tf.variable(tf.zerosLike(x), false), v: tf.variable(tf.zerosLike(x), false) }));
      this.slots.set(x, s);
    }
    return s;
  }
}
