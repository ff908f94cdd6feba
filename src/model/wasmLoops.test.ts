import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchNormPrelu } from './layers';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR, valuesOn } from './wasmTestSupport';

beforeAll(async () => {
  await initWasmBackend(NODE_WASM_DIR);
});

const EPS = 1e-5;

/**
 * Seeded inputs as plain arrays, the same on every backend: x far from zero-mean (so the moments
 * matter), γ, β, α per channel (α of both signs and 0), and the output gradient ∂y.
 */
function inputs(shape: number[]) {
  const c = shape[shape.length - 1]!,
    size = shape.reduce((a, b) => a * b, 1);
  const wave = (n: number, f: number, shift = 0, scale = 1) =>
    Float32Array.from({ length: n }, (_, i) => shift + scale * Math.sin(f * (i + 1)));
  return {
    shape,
    x: wave(size, 1.37, 2, 3),
    gamma: wave(c, 0.71, 1, 0.5),
    beta: wave(c, 1.9, 0, 0.4),
    alpha: Float32Array.from({ length: c }, (_, k) => [0.25, -0.5, 0, 1.5][k % 4]!),
    dy: wave(size, 2.3),
  };
}

/** y = f(x, γ, β, α), the gradients ∂x, ∂γ, ∂β, ∂α of Σy·∂y, and the batch moments f returned. */
function valueAndGrads(
  f: (
    x: tf.Tensor,
    g: tf.Tensor1D,
    b: tf.Tensor1D,
    a: tf.Tensor1D,
  ) => { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor },
  p: ReturnType<typeof inputs>,
): tf.Tensor[] {
  const x = tf.tensor(p.x, p.shape),
    [g, b, a] = [p.gamma, p.beta, p.alpha].map((v) => tf.tensor1d(v)) as tf.Tensor1D[];
  const dy = tf.tensor(p.dy, p.shape);
  let outs: tf.Tensor[] = [];
  const { value, grads } = tf.valueAndGrads((...xs: tf.Tensor[]) => {
    const out = f(xs[0]!, xs[1] as tf.Tensor1D, xs[2] as tf.Tensor1D, xs[3] as tf.Tensor1D);
    outs = [tf.keep(out.y), tf.keep(out.mean), tf.keep(out.variance)];
    return tf.sum(tf.mul(out.y, dy));
  })([x, g!, b!, a!]);
  tf.dispose([x, g!, b!, a!, dy, value]);
  return [outs[0]!, ...grads, ...outs.slice(1)];
}

/** tfjs's own ops and gradients. */
const native = (x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D, a: tf.Tensor1D) => {
  const m = tf.moments(
    x,
    x.shape.slice(0, -1).map((_, i) => i),
  );
  return { y: tf.prelu(tf.batchNorm(x, m.mean, m.variance, b, g, EPS), a), ...m };
};

const fast = (x: tf.Tensor, g: tf.Tensor1D, b: tf.Tensor1D, a: tf.Tensor1D) => {
  const { y, moments } = batchNormPrelu(x, g, b, a, EPS);
  return { y, ...moments };
};

const OUTPUTS = ['y', '∂x', '∂γ', '∂β', '∂α', 'mean', 'variance'];

/** Names of the kernels one training pass of the wasm form dispatches. */
async function kernelsOf(shape: number[]): Promise<string[]> {
  await tf.setBackend('wasm');
  const info = await tf.profile(() => tf.dispose(valueAndGrads(fast, inputs(shape))));
  return info.kernels.map((k) => k.name);
}

describe('batch norm + PReLU on wasm', () => {
  it.each([[[3, 6, 5, 8]], [[2, 4, 4, 16]], [[7, 12]], [[2, 3, 3, 6]]])(
    'gives the value, gradients and moments of tfjs (cpu) for %j',
    async (shape) => {
      const p = inputs(shape);
      const cpu = await valuesOn('cpu', () => valueAndGrads(native, p));
      const wasm = await valuesOn('wasm', () => valueAndGrads(fast, p));
      cpu.forEach((ref, i) => {
        const scale = Math.max(...ref.map(Math.abs));
        const worst = Math.max(...ref.map((r, j) => Math.abs(r - wasm[i]![j]!)));
        expect(worst / scale, OUTPUTS[i]).toBeLessThan(2e-5);
      });
    },
  );

  it('runs its own loops where the channels are a multiple of 4, and tfjs kernels elsewhere', async () => {
    const own = ['BnMoments', 'BnPreluForward', 'BnPreluBackward'];
    expect(await kernelsOf([2, 4, 4, 8])).toEqual(expect.arrayContaining(own));
    const composed = await kernelsOf([2, 4, 4, 6]);
    own.forEach((k) => expect(composed).not.toContain(k));
  });

  it('leaks no tensor', async () => {
    await tf.setBackend('wasm');
    const p = inputs([3, 6, 5, 8]);
    tf.dispose(valueAndGrads(fast, p));
    const before = tf.memory();
    for (let i = 0; i < 3; i++) tf.dispose(valueAndGrads(fast, p));
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });
});
