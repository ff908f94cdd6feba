import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { HEAD_IDS, defaultHyper, initHeadParams, type HeadHyper, type HeadId } from '../loss/heads';
import { bindParams, headLoss } from '../loss/heads.tf';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR, valuesOn } from './wasmTestSupport';

// The heads are the loss engineers'; this checks only that wasm has every kernel their
// gradients need (none uses gather, whose gradient wasm lacks) and computes the cpu values.
beforeAll(async () => {
  await initWasmBackend(NODE_WASM_DIR);
});

const N = 32,
  K = 10,
  D = 2;
type Variant = { head: HeadId; hyper: HeadHyper[HeadId] };
const variants: Variant[] = [
  ...HEAD_IDS.map((head) => ({ head, hyper: defaultHyper(head) })),
  ...([1, 3, 4] as const).map((m) => ({ head: 'lsoftmax' as const, hyper: { ...defaultHyper('lsoftmax'), m } })),
  { head: 'lgm', hyper: { ...defaultHyper('lgm'), covariance: 'diag' } },
  { head: 'icu', hyper: { ...defaultHyper('icu'), cov: 'iso', marginOn: 'mahalanobis' } },
];

/** The loss and its gradients w.r.t. features and every head parameter, from seeded values. */
const lossAndGrads =
  ({ head, hyper }: Variant) =>
  (): tf.Tensor[] => {
    const rng = createRng(3);
    const named = Object.fromEntries(
      initHeadParams(head, K, D, hyper, rng).map((p) => [p.name, tf.tensor(p.values, p.shape)]),
    );
    const x = tf.tensor2d(
      Float32Array.from({ length: N * D }, () => 2 * rng.normal()),
      [N, D],
    );
    const z = tf.tensor1d(
      Int32Array.from({ length: N }, (_, i) => i % K),
      'int32',
    );
    const inputs = [x, ...Object.values(named)] as tf.Tensor[];
    const f = (...ts: tf.Tensor[]) => {
      const params = Object.fromEntries(Object.keys(named).map((k, i) => [k, ts[i + 1]]));
      return headLoss(head, ts[0] as tf.Tensor2D, z, bindParams(head, params), hyper, 100).total;
    };
    const { value, grads } = tf.valueAndGrads(f)(inputs);
    return [value, ...grads];
  };

describe('the loss heads on wasm', () => {
  it.each(variants)('$head $hyper: same loss and gradients as on cpu', async (v) => {
    const cpu = await valuesOn('cpu', lossAndGrads(v)),
      wasm = await valuesOn('wasm', lossAndGrads(v));
    cpu.forEach((ref, i) => {
      const scale = Math.max(...Array.from(ref, Math.abs));
      const diff = Math.max(...Array.from(ref, (r, j) => Math.abs(r - wasm[i]![j]!)));
      expect(diff, `output ${i}`).toBeLessThanOrEqual(1e-4 * scale);
    });
  });
});
