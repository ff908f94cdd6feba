import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { PAPER_ARCHITECTURE, type Architecture } from './architecture';
import { Adam } from './adam';
import { Backbone, initialBackboneValues } from './backbone';
import { initWasmBackend } from './wasmBackend';
import { NODE_WASM_DIR } from './wasmTestSupport';

const SMALL: Architecture = { conv: [2, 2, 3, 3], hidden: 4, featureDim: 2 };
const CLASSES = 10;
const REL_TOL = 1e-4;
const CURVE_STEPS = 300;
const CURVE_BATCHES = 8;
const CURVE_WINDOW = 25;
/**
 * Steps compared one by one. After them the backends' float32 rounding differences (different
 * summation orders) grow: single steps differ by up to 1.8 % by step 300 (measured) while the
 * 25-step means stay within 0.2 %. Likely causes: rounding tips discrete choices (max-pool
 * ties, PReLU kinks), and Adam scales the pure-noise gradients of biases before batch norm
 * up to full-size steps.
 */
const EXACT_STEPS = 50;
/** Biases right before a batch norm: their true gradient is 0 (BN removes any shift), so both backends give float noise. */
const BIAS_BEFORE_BN = /^(conv\d|fc1)\.b$/;

beforeAll(async () => {
  await initWasmBackend(NODE_WASM_DIR);
});

/** MNIST's normalized background: constant, so whole pooling windows tie. */
const BACKGROUND = -0.42;
/** Pixel i of an image: noise, or (digit-like) noise only in the central 12×12 square on a constant background. */
const pixel = (rng: ReturnType<typeof createRng>, i: number, digitLike: boolean): number => {
  const row = Math.floor(i / 28) % 28,
    col = i % 28;
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

/**
 * `batches` batches of `n` images that a network can learn: each is its class's seeded template
 * plus noise. (Fitting pure noise with SGD at lr 0.1 is chaotic: there the backends' rounding
 * differences grew exponentially, to 1e-3 relative by step ~116.)
 */
function learnable(batches: number, n: number, seed: number) {
  const rng = createRng(seed);
  const templates = Array.from({ length: CLASSES }, () => Float32Array.from({ length: 28 * 28 }, () => rng.normal()));
  const classifier = Float32Array.from({ length: 2 * CLASSES }, () => rng.normal());
  return {
    batches: Array.from({ length: batches }, (): Problem => {
      const labels = Int32Array.from({ length: n }, () => rng.int(CLASSES));
      const images = Float32Array.from(
        { length: n * 28 * 28 },
        (_, i) => templates[labels[Math.floor(i / 784)]!]![i % 784]! + 0.7 * rng.normal(),
      );
      return { n, images, labels, classifier };
    }),
  };
}

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
  let diff = 0,
    scale = 0;
  b.forEach((v, i) => {
    scale = Math.max(scale, Math.abs(v));
    diff = Math.max(diff, Math.abs((a[i] ?? NaN) - v));
  });
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

  it('follows the cpu loss curve over 300 Adam steps from the same seed', async () => {
    const p = learnable(CURVE_BATCHES, 8, 3);
    const curve = async (backend: string): Promise<number[]> => {
      await tf.setBackend(backend);
      const bb = new Backbone(SMALL, initialBackboneValues(SMALL, createRng(2)));
      const vars = Object.values(bb.params),
        adam = new Adam();
      const losses: number[] = [];
      for (let step = 0; step < CURVE_STEPS; step++) {
        const { value, grads } = tf.variableGrads(
          () => tf.tidy(() => loss(bb, p.batches[step % CURVE_BATCHES]!)),
          vars,
        );
        adam.apply(
          vars,
          vars.map((v) => grads[v.name]!),
          0.003,
        );
        losses.push(value.dataSync()[0]!);
        tf.dispose([value, ...Object.values(grads)]);
      }
      adam.dispose();
      bb.dispose();
      return losses;
    };
    const cpu = await curve('cpu'),
      wasm = await curve('wasm');
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // It learns: the last 50 steps' loss is well below the first 50 steps'.
    expect(mean(cpu.slice(-CURVE_WINDOW * 2))).toBeLessThan(0.8 * mean(cpu.slice(0, CURVE_WINDOW * 2)));
    // Step for step while no rounding difference has tipped a discrete choice (measured ≤ 1.4e-7).
    for (let i = 0; i < EXACT_STEPS; i++)
      expect(Math.abs(wasm[i]! - cpu[i]!), `step ${i}`).toBeLessThan(1e-6 * cpu[i]!);
    // Then the curves stay together without diverging: 25-step means agree to 1 % (measured ≤ 1.8e-3).
    for (let k = 0; k < CURVE_STEPS; k += CURVE_WINDOW) {
      const [w, c] = [mean(wasm.slice(k, k + CURVE_WINDOW)), mean(cpu.slice(k, k + CURVE_WINDOW))];
      expect(Math.abs(w - c), `steps ${k}–${k + CURVE_WINDOW - 1}`).toBeLessThan(1e-2 * c);
    }
  }, 120_000);
});
