import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { Backbone, initialBackboneValues } from './backbone';
import { normalizedLayers, runningStatKeys, type Architecture } from './architecture';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR } from './wasmTestSupport';

// A narrow copy of the paper's layout keeps the test fast; the layer logic is the same.
const SMALL: Architecture = { conv: [2, 2, 3, 3], hidden: 4, featureDim: 2 };
let bb: Backbone;

beforeAll(async () => {
  await tf.setBackend('cpu');
  bb = new Backbone(SMALL, initialBackboneValues(SMALL, createRng(1)));
});
afterAll(() => bb.dispose());

const images = (n: number) => tf.randomNormal([n, 28, 28, 1], 0, 1, 'float32', 9) as tf.Tensor4D;

describe('Backbone', () => {
  it('maps images to 2-D features and returns batch moments only in train mode', () => {
    const x = images(5);
    const train = bb.forward(x, 'train');
    const evalOut = bb.forward(x, 'eval');
    expect(train.features.shape).toEqual([5, 2]);
    expect(Object.keys(train.moments).sort()).toEqual(['conv1', 'conv2', 'conv3', 'conv4', 'fc1']);
    expect(Object.keys(evalOut.moments)).toEqual([]);
    tf.dispose([
      x,
      train.features,
      evalOut.features,
      ...Object.values(train.moments).flatMap((m) => [m.mean, m.variance]),
    ]);
  });

  it('moves running statistics by the momentum, the variance unbiased, and round-trips its values', async () => {
    const before = await bb.values();
    const mean = tf.fill([2], 1) as tf.Tensor1D,
      variance = tf.fill([2], 3) as tf.Tensor1D;
    bb.updateRunning({ conv1: { mean, variance, count: 11 } });
    const after = await bb.values();
    expect(Array.from(after['conv1.bn.mean']!)).toEqual([0.1, 0.1].map(Math.fround));
    // 0.9·1 + 0.1·3·11/10: PyTorch's running variance takes the unbiased batch variance.
    expect(after['conv1.bn.var']![0]).toBeCloseTo(0.9 + 0.33, 6);
    bb.assign(before);
    expect(Array.from((await bb.values())['conv1.bn.mean']!)).toEqual([0, 0]);
    tf.dispose([mean, variance]);
  });

  it.each(['cpu', 'wasm'])(
    'infers on %s with batch norm folded into each layer: the features of normalizing after it',
    async (backend) => {
      if (backend === 'wasm') await initWasmBackend(NODE_WASM_DIR);
      await tf.setBackend(backend);
      // Running statistics and BN parameters away from their initial 0, 1 and 0, so a wrong fold shows.
      const rng = createRng(3);
      const values = initialBackboneValues(SMALL, rng);
      for (const { name, stats } of normalizedLayers(SMALL)) {
        for (const key of [stats.mean, `${name}.bn.gamma`, `${name}.bn.beta`])
          values[key] = values[key]!.map((v) => v + rng.normal());
        values[stats.variance] = values[stats.variance]!.map(() => 0.2 + rng.next() * 3);
      }
      const net = new Backbone(SMALL, values);
      const x = images(4);
      const reference = tf.tidy(() => {
        const t = (key: string) => tf.tensor(values[key]!);
        const block = (name: string, pre: tf.Tensor) => {
          const { mean, variance } = runningStatKeys(name);
          const y = tf.batchNorm(pre, t(mean), t(variance), t(`${name}.bn.beta`), t(`${name}.bn.gamma`), 1e-5);
          return tf.prelu(y, t(`${name}.prelu`));
        };
        const conv = (name: string, h: tf.Tensor4D) =>
          block(name, tf.conv2d(h, tf.reshape(t(`${name}.w`), [3, 3, h.shape[3], -1]), 1, 'same'));
        let h = tf.maxPool(conv('conv2', conv('conv1', x) as tf.Tensor4D) as tf.Tensor4D, 2, 2, 'valid');
        h = tf.maxPool(conv('conv4', conv('conv3', h) as tf.Tensor4D) as tf.Tensor4D, 2, 2, 'valid');
        const flat = tf.reshape(h, [4, -1]) as tf.Tensor2D;
        const hidden = block('fc1', tf.matMul(flat, tf.reshape(t('fc1.w'), [flat.shape[1], -1]))) as tf.Tensor2D;
        const out = tf.add(tf.matMul(hidden, tf.reshape(t('fc2.w'), [hidden.shape[1], -1])), t('fc2.b'));
        return tf.prelu(out, t('fc2.prelu'));
      });
      const { features } = net.forward(x, 'eval');
      const [got, want] = [features.dataSync(), reference.dataSync()];
      const scale = Math.max(...Array.from(want, Math.abs));
      expect(scale).toBeGreaterThan(0.1);
      want.forEach((w, i) => expect(Math.abs(got[i]! - w)).toBeLessThan(1e-5 * scale));
      tf.dispose([x, features, reference]);
      net.dispose();
      await tf.setBackend('cpu');
    },
  );

  it('is seeded and leaks no tensor in a training step', () => {
    const a = initialBackboneValues(SMALL, createRng(5)),
      b = initialBackboneValues(SMALL, createRng(5));
    expect(Array.from(a['conv2.w']!)).toEqual(Array.from(b['conv2.w']!));
    const x = images(3);
    const start = tf.memory().numTensors;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(bb.forward(x, 'train').features) as tf.Scalar,
      Object.values(bb.params),
    );
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(start);
    x.dispose();
  });
});
