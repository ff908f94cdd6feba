/**
 * Throughput of the paper network on tfjs's wasm and cpu backends, measured in
 * one run so the ratio holds on a shared machine (issue 6). Training = forward,
 * softmax cross-entropy, every gradient and an SGD update; eval = forward with
 * running statistics. Usage: npm run bench:node [-- --quick]
 */
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/math/random';
import { PAPER_ARCHITECTURE } from '../src/model/architecture';
import { Backbone, initialBackboneValues } from '../src/model/backbone';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';

type Mode = 'train' | 'eval';
interface Case {
  mode: Mode;
  batch: number;
}

const QUICK = process.argv.includes('--quick');
const CASES: Case[] = [
  { mode: 'train', batch: 32 },
  { mode: 'train', batch: 128 },
  { mode: 'eval', batch: 256 },
];
/** Timed repetitions after one warm-up; cpu gets few, being 30–60× slower. */
const REPEATS: Record<string, number> = { wasm: QUICK ? 2 : 6, cpu: 1 };
const CLASSES = 10;

/** One seeded batch as tensors: images, one-hot labels, a fixed 2-D → 10 classifier. */
function batchOf(n: number) {
  const rng = createRng(n);
  return tf.tidy(() => ({
    images: tf.tensor4d(
      Float32Array.from({ length: n * 784 }, () => rng.normal()),
      [n, 28, 28, 1],
    ),
    labels: tf.oneHot(
      tf.tensor1d(
        Int32Array.from({ length: n }, () => rng.int(CLASSES)),
        'int32',
      ),
      CLASSES,
    ),
    classifier: tf.tensor2d(
      Float32Array.from({ length: 2 * CLASSES }, () => rng.normal()),
      [2, CLASSES],
    ),
  }));
}
type Batch = ReturnType<typeof batchOf>;

/** One training step; resolves when the loss has been read back. */
async function trainStep(bb: Backbone, b: Batch): Promise<void> {
  const { value, grads } = tf.variableGrads(() =>
    tf.tidy(() => {
      const logits = tf.matMul(bb.forward(b.images, 'train').features, b.classifier);
      return tf.losses.softmaxCrossEntropy(b.labels, logits) as tf.Scalar;
    }),
  );
  tf.tidy(() => Object.values(bb.params).forEach((v) => v.assign(tf.sub(v, tf.mul(grads[v.name]!, 1e-3)))));
  await value.data();
  tf.dispose([value, ...Object.values(grads)]);
}

/** One inference pass; resolves when the features have been read back. */
async function evalStep(bb: Backbone, b: Batch): Promise<void> {
  const features = tf.tidy(() => bb.forward(b.images, 'eval').features);
  await features.data();
  features.dispose();
}

/** Samples per second of `c` on the current backend, after one warm-up step. */
async function measure(bb: Backbone, c: Case, repeats: number): Promise<number> {
  const b = batchOf(c.batch);
  const step = () => (c.mode === 'train' ? trainStep(bb, b) : evalStep(bb, b));
  await step();
  const start = performance.now();
  for (let i = 0; i < repeats; i++) await step();
  const seconds = (performance.now() - start) / 1000;
  tf.dispose(Object.values(b));
  return (c.batch * repeats) / seconds;
}

/** Every case on `backend` with a fresh seeded network, checking that nothing leaks. */
async function run(backend: string, cases: Case[]): Promise<number[]> {
  await tf.setBackend(backend);
  const bb = new Backbone(PAPER_ARCHITECTURE, initialBackboneValues(PAPER_ARCHITECTURE, createRng(1)));
  const before = tf.memory().numTensors;
  const out: number[] = [];
  for (const c of cases) out.push(await measure(bb, c, REPEATS[backend] ?? 1));
  if (tf.memory().numTensors !== before) throw new Error(`${backend}: tensors leaked`);
  bb.dispose();
  return out;
}

async function main(): Promise<void> {
  const wasmInfo = await initWasmBackend(NODE_WASM_DIR);
  console.log(`wasm: SIMD ${wasmInfo.simd}, threads ${wasmInfo.threads} (tfjs runs no wasm threads in Node)`);
  const cases = QUICK ? CASES.slice(0, 1) : CASES;
  // wasm before and after cpu: a load change on the shared machine shows up as a gap between the two.
  const wasmBefore = await run('wasm', cases);
  const cpu = await run('cpu', cases);
  const wasmAfter = await run('wasm', cases);
  console.log('mode   batch   wasm samples/s (before/after cpu)   cpu samples/s   wasm/cpu');
  cases.forEach((c, i) => {
    const w = (wasmBefore[i]! + wasmAfter[i]!) / 2;
    const cells = [
      c.mode.padEnd(6),
      String(c.batch).padStart(5),
      `${w.toFixed(1)} (${wasmBefore[i]!.toFixed(1)}/${wasmAfter[i]!.toFixed(1)})`.padStart(33),
    ];
    console.log(`${cells.join('  ')}   ${cpu[i]!.toFixed(2).padStart(13)}   ${(w / cpu[i]!).toFixed(1).padStart(7)}×`);
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
