/**
 * npm run profile [-- --arch lite|paper --batch N --heads a,b]: where one wasm training step's
 * time goes, from tfjs's profiler (kernels and their times; wasm kernels run synchronously, so
 * each time is the kernel's own): the kernels the step dispatches, split into forward pass, head
 * loss, L2 term, backward pass, Adam and the rest; the blocking read-backs per step; and the
 * kernels by time. Counts do not depend on the machine's load; times do.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/math/random';
import { defaultHyper, isHeadId, type HeadId } from '../src/loss/heads';
import { NETWORKS, type NetworkId } from '../src/model/architecture';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';
import { Adam } from '../src/model/adam';
import { Learner, readLosses } from '../src/learner/learner';

const { values: flags } = parseArgs({
  options: {
    arch: { type: 'string', default: 'lite' },
    batch: { type: 'string', default: '128' },
    heads: { type: 'string', default: 'icu' },
    repeats: { type: 'string', default: '3' },
  },
});
const network = flags.arch as NetworkId;
if (!(network in NETWORKS)) throw new Error(`--arch ${flags.arch}: use ${Object.keys(NETWORKS).join(' or ')}`);
const heads = flags.heads.split(',').filter(isHeadId) as HeadId[];
const batch = Number(flags.batch),
  repeats = Number(flags.repeats);

/** Profiler entries that wrap other listed kernels (see phase). */
const wrapper = (name: string): boolean => name === 'forward' || name.endsWith('__op');

type Phase = { kernels: number; ms: number; byKernel: Map<string, { n: number; ms: number }> };

/**
 * Profiles `f`; wasm's kernels are synchronous, so each kernel time is its own. A custom
 * gradient's 'forward' entry and a fused op's entry (named `…__op`, e.g. fusedDepthwiseConv2d__op)
 * wrap kernels that are listed too: they count, but their time does not.
 */
async function phase(f: () => unknown): Promise<Phase> {
  const info = await tf.profile(async () => {
    const out = f();
    if (out instanceof Promise) await out;
  });
  const byKernel = new Map<string, { n: number; ms: number }>();
  let ms = 0;
  for (const k of info.kernels) {
    const t = typeof k.kernelTimeMs === 'number' && !wrapper(k.name) ? k.kernelTimeMs : 0;
    ms += t;
    const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
    byKernel.set(k.name, { n: e.n + 1, ms: e.ms + t });
  }
  return { kernels: info.kernels.length, ms, byKernel };
}

/**
 * Blocking read-backs `f` makes: reads of tensor values through the engine (Tensor.data,
 * dataSync, array…), each of which waits for a GPU's queue. Kernels reading their own backend's
 * memory (wasm's Slice views its heap) are not read-backs and do not pass through here.
 */
async function readBacks(f: () => Promise<unknown>): Promise<number> {
  const engine = tf.engine() as unknown as Record<'read' | 'readSync', (...args: unknown[]) => unknown>;
  const originals = { read: engine.read, readSync: engine.readSync };
  let count = 0;
  for (const name of ['read', 'readSync'] as const) {
    engine[name] = function (this: unknown, ...args: unknown[]) {
      count++;
      return originals[name].apply(this, args);
    };
  }
  try {
    await f();
  } finally {
    Object.assign(engine, originals);
  }
  return count;
}

/**
 * Kernels of each part of a step, profiled one part at a time on the same learners and batch:
 * the forward pass; the head's loss and the L2 term (the rest of the objective); the backward
 * pass (tf.variableGrads of the objective, less the objective itself); Adam (a fresh one on
 * variables of the same shapes, after a warm-up step, as in training); and what the step does
 * besides (running BN statistics, center loss's rule, stacking the loss parts, the read-back).
 */
async function split(learners: Learner[], x: tf.Tensor4D, z: tf.Tensor1D, step: Phase) {
  const objective = (l: Learner) => () => {
    const { features } = l.backbone.forward(x, 'train');
    return tf.add(l.head.loss(features, z, 1).total, l.decayTerm(0.001)) as tf.Scalar;
  };
  const forward = await phase(() => tf.tidy(() => learners.map((l) => l.backbone.forward(x, 'train').features)));
  const features = tf.tidy(() => learners.map((l) => l.backbone.forward(x, 'train').features));
  const head = await phase(() => tf.tidy(() => learners.map((l, i) => l.head.loss(features[i]!, z, 1).total)));
  tf.dispose(features);
  const pass = await phase(() => tf.tidy(() => learners.map((l) => objective(l)())));
  const withGrads = await phase(() =>
    learners.forEach((l) => {
      const { value, grads } = tf.variableGrads(objective(l), l.trainable());
      tf.dispose([value, ...Object.values(grads)]);
    }),
  );
  const copies = learners.map((l) => l.trainable().map((v) => tf.variable(tf.onesLike(v))));
  const grads = copies.map((vs) => vs.map((v) => tf.onesLike(v)));
  const adams = learners.map(() => new Adam());
  const update = () => adams.forEach((a, i) => a.apply(copies[i]!, grads[i]!, 0.01));
  update();
  const optimizer = await phase(update);
  adams.forEach((a) => a.dispose());
  tf.dispose([...copies.flat(), ...grads.flat()]);
  const backward = withGrads.kernels - pass.kernels;
  return {
    forward: forward.kernels,
    head: head.kernels,
    l2: pass.kernels - forward.kernels - head.kernels,
    backward,
    optimizer: optimizer.kernels,
    other: step.kernels - pass.kernels - backward - optimizer.kernels,
  };
}

async function main(): Promise<void> {
  await initWasmBackend(NODE_WASM_DIR);
  const arch = NETWORKS[network];
  const rng = createRng(7);
  const x = tf.tensor4d(
    Float32Array.from({ length: batch * 784 }, () => rng.normal()),
    [batch, 28, 28, 1],
  );
  const z = tf.tensor1d(
    Int32Array.from({ length: batch }, () => rng.int(10)),
    'int32',
  );
  const learners = heads.map((head) => new Learner({ arch, head, hyper: defaultHyper(head), seed: 1, numClasses: 10 }));
  // As the worker's Run steps: every head, then all heads' loss parts read back together.
  const trainStep = () => readLosses(learners.map((l) => l.step(x, z, 0.01, 0.001)));
  await trainStep(); // warm-up: kernels compiled, Adam's buffers made
  let step: Phase | null = null;
  const wall: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    step = await phase(trainStep);
    wall.push(performance.now() - t0);
  }
  const reads = await readBacks(trainStep);
  const parts = await split(learners, x, z, step!);
  const trainable = learners.reduce((n, l) => n + l.trainable().length, 0);
  console.log(
    `${network} network, ${heads.join('+')} head(s), batch ${batch}, wasm in Node (one thread), ${repeats} profiled steps`,
  );
  console.log(
    `wall time per step (median): ${wall.sort((a, b) => a - b)[Math.floor(wall.length / 2)]!.toFixed(1)} ms; kernel time ${step!.ms.toFixed(1)} ms`,
  );
  console.log(
    `kernels per step: ${step!.kernels} = forward ${parts.forward} + head loss ${parts.head} + L2 term ${parts.l2} + backward ${parts.backward} + Adam (${trainable} tensors) ${parts.optimizer} + running statistics, rules and read-back ${parts.other}`,
  );
  console.log(`blocking read-backs per step: ${reads}`);
  const conv = [...step!.byKernel.entries()]
    .filter(([k]) => /^(Conv2D|FusedConv2D)$/.test(k))
    .reduce((a, [, e]) => a + e.ms, 0);
  console.log(`convolutions: ${((100 * conv) / step!.ms).toFixed(1)} % of kernel time; the kernels by time:`);
  const rows = [...step!.byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, e] of rows.filter(([k]) => !wrapper(k)).slice(0, 12))
    console.log(
      `  ${name.padEnd(24)} ×${String(e.n).padStart(4)}  ${e.ms.toFixed(2).padStart(8)} ms  ${((100 * e.ms) / step!.ms).toFixed(1).padStart(5)} %`,
    );
  tf.dispose([x, z]);
  learners.forEach((l) => l.dispose());
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
