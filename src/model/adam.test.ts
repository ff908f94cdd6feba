import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, ADAM_DEFAULTS } from './adam';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const variables = (n: number) =>
  Array.from({ length: n }, (_, i) => tf.variable(tf.randomNormal([(i % 3) + 1, 2], 0, 1, 'float32', i)));

/** Kernels of one apply, less the free reshapes. */
async function kernelsPerStep(n: number): Promise<number> {
  const vars = variables(n),
    grads = vars.map((v, i) => tf.randomNormal(v.shape, 0, 1, 'float32', 100 + i));
  const adam = new Adam();
  adam.apply(vars, grads, 0.01);
  const info = await tf.profile(() => adam.apply(vars, grads, 0.01));
  tf.dispose([...vars, ...grads]);
  adam.dispose();
  return info.kernels.filter((k) => k.name !== 'Reshape').length;
}

describe('Adam over flat buffers', () => {
  it('dispatches the same kernels for 3 or 30 parameter tensors', async () => {
    const few = await kernelsPerStep(3);
    expect(await kernelsPerStep(30)).toBe(few);
    expect(few).toBeLessThanOrEqual(16);
  });

  it('gives each variable the per-tensor Adam update, keeps moments across a swap, and round-trips its state', async () => {
    const [a, b] = [tf.variable(tf.tensor1d([1, -2])), tf.variable(tf.tensor2d([[0.5], [3]]))];
    const adam = new Adam();
    const ga = tf.tensor1d([0.1, -0.3]),
      gb = tf.tensor2d([[2], [-1]]);
    const { beta1, beta2, epsilon } = ADAM_DEFAULTS;
    // Two steps by hand: m, v per element; x −= lr·m̂/(√v̂ + ε).
    const expected = (x: number, g: number) => {
      let m = 0,
        v = 0;
      for (let t = 1; t <= 2; t++) {
        m = beta1 * m + (1 - beta1) * g;
        v = beta2 * v + (1 - beta2) * g * g;
        x -= (0.01 * m) / (1 - beta1 ** t) / (Math.sqrt(v / (1 - beta2 ** t)) + epsilon);
      }
      return x;
    };
    for (let t = 0; t < 2; t++) adam.apply([a, b], [ga, gb], 0.01);
    Array.from(a.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expected([1, -2][i]!, [0.1, -0.3][i]!), 6));
    Array.from(b.dataSync()).forEach((x, i) => expect(x).toBeCloseTo(expected([0.5, 3][i]!, [2, -1][i]!), 6));
    const state = await adam.state([a, b]);
    // b replaced by a new variable: a keeps its moments, the newcomer starts at zero.
    const c = tf.variable(tf.tensor1d([7]));
    adam.forget(b);
    const kept = await adam.state([a, c]);
    expect(Array.from(kept.m[0]!)).toEqual(Array.from(state.m[0]!));
    expect(Array.from(kept.m[1]!)).toEqual([0]);
    const other = new Adam();
    other.restore([a, b], state);
    expect(await other.state([a, b])).toEqual(state);
    tf.dispose([a, b, c, ga, gb]);
    adam.dispose();
    other.dispose();
  });
});
