import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { PAPER_ARCHITECTURE, type Architecture } from './architecture';
import { Backbone, initialBackboneValues } from './backbone';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR } from './wasmTestSupport';

const SMALL: Architecture = { conv: [2, 2, 3, 3], hidden: 4, featureDim: 2 };
const CLASSES = 10;
const REL_TOL = 1e-4;
const STEPS = 40;
/** Biases right before a batch norm: their true gradient is 0 (BN removes any shift), so both backends give float noise. */
const BIAS_BEFORE_BN = /^(conv\d|fc1)\.b$/;

beforeAll(async () => { await initWasmBackend(NODE_WASM_DIR); });

/** MNIST's normalized background: constant, so whole pooling windows tie. */
const BACKGROUND = -0.42;
/** Pixel i of an image: noise, or (digit-like) noise only in the central 12×12 square on a constant background. */
const pixel = (rng: ReturnType<typeof createRng>, i: number, digitLike: boolean): number => {
  const row = Math.floor(i / 28) % 28, col = i % 28;
  return !digitLike || (Math.abs(row - 13.5) < 6 && Math.abs(col - 13.5) < 6) ? rng.normal() : BACKGROUND;
};

/** Seeded images, labels and a fixed 2-D → 10 linear classifier, as plain arrays (identical on every backend). */
function problem(n: number, seed: number, digitLike = false) {
  const rng = createRng(seed);
  const images = Float32Array.from({ length: n * 28 * 28 }, (_, i) => pixel(rng, i, digitLike));
  const labels = Int32Array.from({ length: n }, () => rng.int(CLASSES));
  const classifier = Float32Array.from({ length: 2 * CLASSES }, () => rng.normal());
  return { n, images, labels, classifier };
}
type Problem = ReturnType<typeof problem>;

/** Softmax cross-entropy of the backbone's features under the fixed classifier, in 'train' mode. */
function loss(bb: Backbone, p: Problem): tf.Scalar {
  const x = tf.tensor4d(p.images, [p.n, 28, 28, 1]);
  const logits = tf.matMul(bb.forward(x, 'train').features, tf.tensor2d(p.classifier, [2, CLASSES]));
  return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(p.labels, 'int32'), CLASSES), logits) as tf.Scalar;
}

/** ∂loss/∂parameter for every backbone parameter on `backend`, read back; also checks nothing leaks. */
async function gradientsOn(backend: string, arch: Architecture, p: Problem): Promise<Record<string, Float32Array>> {
  await tf.setBackend(backend);
  const bb = new Backbone(arch, initialBackboneValues(arch, createRng(1)));
  const before = tf.memory().numTensors;
  const { value, grads } = tf.variableGrads(() => tf.tidy(() => loss(bb, p)), Object.values(bb.params));
  const out: Record<string, Float32Array> = {};
  for (const [name, v] of Object.entries(bb.params)) out[name] = grads[v.name]!.dataSync().slice() as Float32Array;
  tf.dispose([value, ...Object.values(grads)]);
  expect(tf.memory().numTensors).toBe(before);
  bb.dispose();
  return out;
}

/** max |a − b| / max |b|. */
function relDiff(a: Float32Array, b: Float32Array): number {
  let diff = 0, scale = 0;
  b.forEach((v, i) => { scale = Math.max(scale, Math.abs(v)); diff = Math.max(diff, Math.abs((a[i] ?? NaN) - v)); });
  return diff / scale;
}

function expectSameGradients(wasm: Record<string, Float32Array>, cpu: Record<string, Float32Array>): void {
  for (const [name, ref] of Object.entries(cpu)) {
    const got = wasm[name]!;
    if (!BIAS_BEFORE_BN.test(name)) {
      expect(relDiff(got, ref), name).toBeLessThan(REL_TOL);
      continue;
    }
    const betaScale = Math.max(...Array.from(cpu[name.replace(/\.b$/, '.bn.beta')]!, Math.abs));
    for (const g of [got, ref]) expect(Math.max(...Array.from(g, Math.abs)), name).toBeLessThan(REL_TOL * betaScale);
  }
}

describe('training on the wasm backend', () => {
  it.each([
    ['a small architecture, noise images', SMALL, 16, false],
    ['a small architecture, digit-like images (tied pooling windows)', SMALL, 16, true],
    ['the paper architecture, digit-like images', PAPER_ARCHITECTURE, 4, true],
  ] as const)('gives the cpu gradients for every parameter: %s', async (_, arch, n, digitLike) => {
    const p = problem(n, 7, digitLike);
    expectSameGradients(await gradientsOn('wasm', arch, p), await gradientsOn('cpu', arch, p));
  });

  it('follows the cpu loss curve under SGD from the same seed', async () => {
    const p = problem(16, 3);
    const curve = async (backend: string): Promise<number[]> => {
      await tf.setBackend(backend);
      const bb = new Backbone(SMALL, initialBackboneValues(SMALL, createRng(2)));
      const losses: number[] = [];
      for (let step = 0; step < STEPS; step++) {
        const { value, grads } = tf.variableGrads(() => tf.tidy(() => loss(bb, p)));
        tf.tidy(() => Object.values(bb.params).forEach((v) => v.assign(tf.sub(v, tf.mul(grads[v.name]!, 0.1)))));
        losses.push(value.dataSync()[0]!);
        tf.dispose([value, ...Object.values(grads)]);
      }
      bb.dispose();
      return losses;
    };
    const cpu = await curve('cpu'), wasm = await curve('wasm');
    expect(cpu[cpu.length - 1]!).toBeLessThan(0.9 * cpu[0]!);
    wasm.forEach((l, i) => expect(Math.abs(l - cpu[i]!), `step ${i}`).toBeLessThan(1e-4 * cpu[i]!));
  });
});
