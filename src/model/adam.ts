import * as tf from '@tensorflow/tfjs';

/** Adam's constants (Kingma & Ba); the learning rate stays live, passed at every step. */
export interface AdamSettings {
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** PyTorch's defaults, which the reference run used. */
export const ADAM_DEFAULTS: AdamSettings = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 };

/** The optimizer's state for a list of variables, read back (for snapshots). */
export interface AdamState {
  t: number;
  m: Float32Array[];
  v: Float32Array[];
}

/** Where each variable's moments sit in the flat buffers: the variables in order and their sizes. */
interface Layout {
  vars: tf.Variable[];
  sizes: number[];
}

/**
 * Adam with the moment estimates of all variables in two flat buffers, so that a step is the
 * same dozen kernels however many parameter tensors the network has (one per tensor and
 * operation before: 13 × 25 for the lite network and ICU, each a dispatch on a GPU). In-house
 * rather than tf.train.adam so the learning rate can change between steps, a head can swap a
 * parameter for one of another shape (its moments restart), and the state can be snapshotted
 * and restored with the weights.
 */
export class Adam {
  private layout: Layout = { vars: [], sizes: [] };
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  private t = 0;

  constructor(private readonly s: AdamSettings = ADAM_DEFAULTS) {}

  /** One update of each variable by its gradient at learning rate `lr`. */
  apply(vars: readonly tf.Variable[], grads: readonly tf.Tensor[], lr: number): void {
    this.t += 1;
    this.arrange(vars);
    const { beta1, beta2, epsilon } = this.s;
    const c1 = 1 - beta1 ** this.t,
      c2 = 1 - beta2 ** this.t;
    const [m, v] = [this.m!, this.v!];
    tf.tidy(() => {
      const g = flat(grads);
      m.assign(tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)));
      v.assign(tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2)));
      const x = tf.sub(flat(vars), tf.div(tf.mul(m, lr / c1), tf.add(tf.sqrt(tf.div(v, c2)), epsilon)));
      tf.split(x, this.layout.sizes).forEach((part, i) => vars[i]!.assign(tf.reshape(part, vars[i]!.shape)));
    });
  }

  /** Drops a variable's moments (it was replaced); the others keep theirs. */
  forget(x: tf.Variable): void {
    this.arrange(this.layout.vars.filter((y) => y !== x));
  }

  /** The moments of `vars`, in order, and the step count. */
  async state(vars: readonly tf.Variable[]): Promise<AdamState> {
    this.arrange(vars);
    const [m, v] = await Promise.all([this.m!.data(), this.v!.data()]);
    const slices = (a: Float32Array | Int32Array | Uint8Array) =>
      this.spans().map(([at, n]) => Float32Array.from(a.subarray(at, at + n)));
    return { t: this.t, m: slices(m), v: slices(v) };
  }

  /** Restores the moments of `vars` from `state()`. */
  restore(vars: readonly tf.Variable[], s: AdamState): void {
    this.t = s.t;
    this.arrange(vars);
    const join = (parts: Float32Array[]) => {
      const out = new Float32Array(this.total());
      this.spans().forEach(([at], i) => out.set(parts[i]!, at));
      return out;
    };
    tf.tidy(() => {
      this.m!.assign(tf.tensor1d(join(s.m)));
      this.v!.assign(tf.tensor1d(join(s.v)));
    });
  }

  /** Frees the moment estimates. */
  dispose(): void {
    tf.dispose([this.m, this.v].filter((b): b is tf.Variable => b !== null));
    this.m = this.v = null;
    this.layout = { vars: [], sizes: [] };
  }

  /** Lays the buffers out for `vars`: a variable already there keeps its moments, a new one starts at zero. */
  private arrange(vars: readonly tf.Variable[]): void {
    const same = this.m && vars.length === this.layout.vars.length && vars.every((x, i) => x === this.layout.vars[i]);
    if (same) return;
    const old = this.layout,
      oldSpans = this.spans();
    const sizes = vars.map((x) => x.size);
    const carried = (buffer: tf.Variable | null) =>
      tf.tidy(() => {
        const parts = vars.map((x, i) => {
          const j = buffer ? old.vars.indexOf(x) : -1;
          return j >= 0 ? tf.slice(buffer!, oldSpans[j]![0], oldSpans[j]![1]) : tf.zeros([sizes[i]!]);
        });
        return tf.variable(parts.length ? tf.concat(parts) : tf.zeros([0]), false);
      });
    const [m, v] = [carried(this.m), carried(this.v)];
    tf.dispose([this.m, this.v].filter((b): b is tf.Variable => b !== null));
    [this.m, this.v, this.layout] = [m, v, { vars: [...vars], sizes }];
  }

  /** Each variable's [offset, size] in the flat buffers. */
  private spans(): [number, number][] {
    let at = 0;
    return this.layout.sizes.map((n) => [(at += n) - n, n]);
  }

  private total(): number {
    return this.layout.sizes.reduce((a, b) => a + b, 0);
  }
}

/** Tensors laid end to end as one 1-D tensor. */
function flat(ts: readonly tf.Tensor[]): tf.Tensor1D {
  return tf.concat(ts.map((t) => tf.reshape(t, [-1]))) as tf.Tensor1D;
}
