import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { maxPool2x2WithFastGrad } from './poolMax2x2';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR, valuesOn } from './wasmTestSupport';

beforeAll(async () => {
  await initWasmBackend(NODE_WASM_DIR);
});

const native = (x: tf.Tensor) => tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid');
const fast = (x: tf.Tensor) => maxPool2x2WithFastGrad(x as tf.Tensor4D);
/** Pooled values and the gradient of Σ pool(x)·dy, for x and dy given as values. */
const poolAndGrad = (f: (x: tf.Tensor) => tf.Tensor, x: number[], dy: number[], shape: number[]) => () => {
  const xt = tf.tensor(x, shape),
    dyt = tf.tensor(dy, [shape[0]!, shape[1]! / 2, shape[2]! / 2, shape[3]!]);
  return [f(xt), tf.grad(f)(xt, dyt)];
};
/** Plain numbers, −0 as 0 (a masked-out negative gradient is −0). */
const flat = (a: Float32Array[]) => a.map((v) => Array.from(v, (x) => x + 0));

// 2×2 windows: a 3-way tie, a tie on the right, all equal, and all negative.
const TIES = [7, 7, 1, 2, 7, 0, 2, 2, -4, -5, 3, 3, -1, -6, 3, 3];
const DY = [1, 2, 3, 4];
/** Each window's gradient goes to its first maximum in row-major order. */
const FIRST_MAX_GRAD = [1, 0, 0, 2, 0, 0, 0, 0, 0, 0, 4, 0, 3, 0, 0, 0];
const SQUARE = [1, 4, 4, 1];

describe('2×2 max-pool with the fast gradient', () => {
  // 5 channels: tfjs kernels on wasm; 8: the wasm loops of our own (wasmLoops.ts).
  it.each([
    ['cpu', 5],
    ['wasm', 5],
    ['wasm', 8],
  ])('gives tfjs cpu values and gradients on %s (%i channels) when no window has a tie', async (backend, c) => {
    const x = Array.from({ length: 3 * 8 * 6 * c }, (_, i) => Math.sin(1.7 * i + 0.3 * i * i));
    const dy = Array.from({ length: 3 * 4 * 3 * c }, (_, i) => Math.cos(i));
    const ref = await valuesOn('cpu', poolAndGrad(native, x, dy, [3, 8, 6, c]));
    expect(flat(await valuesOn(backend, poolAndGrad(fast, x, dy, [3, 8, 6, c])))).toEqual(flat(ref));
  });

  it('sends each tied window’s gradient to its first maximum in the wasm loops (4 channels), which run', async () => {
    await tf.setBackend('wasm');
    // Channel k holds TIES, and its ∂y is DY·(k + 1).
    const x = TIES.flatMap((v) => [v, v, v, v]),
      dy = DY.flatMap((v) => [v, 2 * v, 3 * v, 4 * v]);
    const profile = await tf.profile(() => tf.dispose(poolAndGrad(fast, x, dy, [1, 4, 4, 4])()));
    expect(profile.kernels.map((k) => k.name)).toContain('MaxPoolGrad2x2First');
    const [, grad] = await valuesOn('wasm', poolAndGrad(fast, x, dy, [1, 4, 4, 4]));
    expect(flat([grad!])[0]).toEqual(FIRST_MAX_GRAD.flatMap((g) => [g, 2 * g, 3 * g, 4 * g]));
  });

  it.each(['cpu', 'wasm'])(
    'sends a tied window’s gradient to its first maximum on %s, as tfjs cpu does',
    async (backend) => {
      const [, grad] = await valuesOn(backend, poolAndGrad(fast, TIES, DY, SQUARE));
      expect(flat([grad!])[0]).toEqual(FIRST_MAX_GRAD);
      const [, cpuGrad] = await valuesOn('cpu', poolAndGrad(native, TIES, DY, SQUARE));
      expect(flat([cpuGrad!])[0]).toEqual(FIRST_MAX_GRAD);
    },
  );

  it('replaces wasm’s own MaxPoolGrad, which is wrong where a window’s maximum is negative', async () => {
    const [, grad] = await valuesOn('wasm', poolAndGrad(native, TIES, DY, SQUARE));
    // tfjs-backend-wasm 4.22 gives the all-negative window (max −1 at row 3, column 0) nothing there.
    expect(grad![12]).toBe(0);
  });

  it('leaks no tensor', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      poolAndGrad(fast, TIES, DY, SQUARE)();
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});
