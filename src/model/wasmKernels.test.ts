import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR, valuesOn } from './wasmTestSupport';

beforeAll(async () => {
  await initWasmBackend(NODE_WASM_DIR);
});

describe('the patched wasm kernels', () => {
  it('clone shares storage yet behaves as a copy: the original can go, nothing leaks', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory();
    const x = tf.tensor([1, 2, 3]);
    const y = tf.clone(x);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3]);
    y.dispose();
    expect(tf.memory().numTensors).toBe(before.numTensors);
    expect(tf.memory().numBytes).toBe(before.numBytes);
  });

  it.each([
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ])('matMul with transposeA %s, transposeB %s gives the cpu product, batched too', async (ta, tb) => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(1.3 * i));
    // A is [.., 3, 4] and B [.., 4, 5] once the flagged one is transposed.
    const a = (batch: number[]) => tf.tensor(values(12 * (batch[0] ?? 1)), [...batch, ...(ta ? [4, 3] : [3, 4])]);
    const b = (batch: number[]) => tf.tensor(values(20 * (batch[0] ?? 1)), [...batch, ...(tb ? [5, 4] : [4, 5])]);
    const products = () => [tf.matMul(a([]), b([]), ta, tb), tf.matMul(a([2]), b([2]), ta, tb)];
    const cpu = await valuesOn('cpu', products),
      wasm = await valuesOn('wasm', products);
    wasm.forEach((w, i) => w.forEach((v, j) => expect(v).toBeCloseTo(cpu[i]![j]!, 5)));
  });
});
