/**
 * npm run profile [-- --arch lite|paper --batch N --heads a,b]: where one wasm training step's
 * time goes, from tfjs's profiler (kernels and their times; wasm kernels run synchronously, so
 * each time is the kernel's own): the kernels dispatched by the forward pass, the head's loss
 * and the rest (backward, Adam, running statistics), and the kernels by time. Counts do not
 * depend on the machine's load; times do.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '../src/math/random';
import { defaultHyper, isHeadId, type HeadId } from '../src/loss/registry';
import { NETWORKS, type NetworkId } from '../src/model/architecture';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';
import { Learner } from '../src/train/learner';

const { values: flags } = parseArgs({ options: { arch: { type: 'string', default: 'lite' }, batch: { type: 'string', default: '128' }, heads: { type: 'string', default: 'icu' }, repeats: { type: 'string', default: '3' } } });
const network = flags.arch as NetworkId;
if (!(network in NETWORKS)) throw new Error(`--arch ${flags.arch}: use ${Object.keys(NETWORKS).join(' or ')}`);
const heads = flags.heads.split(',').filter(isHeadId) as HeadId[];
const batch = Number(flags.batch), repeats = Number(flags.repeats);

type Phase = { kernels: number; ms: number; byKernel: Map<string, { n: number; ms: number }> };

/**
 * Profiles `f`; wasm's kernels are synchronous, so each kernel time is its own. A custom
 * gradient's 'forward' entry wraps kernels that are listed too: it counts, but its time does not.
 */
async function phase(f: () => unknown): Promise<Phase> {
  const info = await tf.profile(async () => { const out = f(); if (out instanceof Promise) await out; });
  const byKernel = new Map<string, { n: number; ms: number }>();
  let ms = 0;
  for (const k of info.kernels) {
    const t = typeof k.kernelTimeMs === 'number' && k.name !== 'forward' ? k.kernelTimeMs : 0;
    ms += t;
    const e = byKernel.get(k.name) ?? { n: 0, ms: 0 };
    byKernel.set(k.name, { n: e.n + 1, ms: e.ms + t });
  }
  return { kernels: info.kernels.length, ms, byKernel };
}

async function main(): Promise<void> {
  await initWasmBackend(NODE_WASM_DIR);
  const arch = NETWORKS[network];
  const rng = createRng(7);
  const x = tf.tensor4d(Float32Array.from({ length: batch * 784 }, () => rng.normal()), [batch, 28, 28, 1]);
  const z = tf.tensor1d(Int32Array.from({ length: batch }, () => rng.int(10)), 'int32');
  const learners = heads.map((head) => new Learner({ arch, head, hyper: defaultHyper(head), seed: 1, numClasses: 10 }));
  for (const l of learners) await l.trainStep(x, z, 0.01, 0.001); // warm-up: kernels compiled, Adam slots made
  let step: Phase | null = null;
  const wall: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t0 = performance.now();
    step = await phase(async () => { for (const l of learners) await l.trainStep(x, z, 0.01, 0.001); });
    wall.push(performance.now() - t0);
  }
  const forward = await phase(() => tf.tidy(() => learners.map((l) => l.backbone.forward(x, 'train').features)));
  const features = tf.tidy(() => learners.map((l) => l.backbone.forward(x, 'train').features));
  const head = await phase(() => tf.tidy(() => learners.map((l, i) => l.head.loss(features[i]!, z, 1).total)));
  tf.dispose(features);
  const trainable = learners.reduce((n, l) => n + Object.keys(l.backbone.params).length + l.head.trainable().length, 0);
  console.log(`${network} network, ${heads.join('+')} head(s), batch ${batch}, wasm in Node (one thread), ${repeats} profiled steps`);
  console.log(`wall time per step (median): ${wall.sort((a, b) => a - b)[Math.floor(wall.length / 2)]!.toFixed(1)} ms; kernel time ${step!.ms.toFixed(1)} ms`);
  const rest = step!.kernels - forward.kernels - head.kernels;
  console.log(`kernels per step: ${step!.kernels}: forward ${forward.kernels}, head loss ${head.kernels}, backward + Adam (${trainable} tensors) + running statistics ${rest}`);
  const conv = [...step!.byKernel.entries()].filter(([k]) => /Conv2D|FusedConv2D/.test(k)).reduce((a, [, e]) => a + e.ms, 0);
  console.log(`convolutions: ${(100 * conv / step!.ms).toFixed(1)} % of kernel time; the kernels by time:`);
  const rows = [...step!.byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, e] of rows.filter(([k]) => k !== 'forward').slice(0, 12)) console.log(`  ${name.padEnd(24)} ×${String(e.n).padStart(4)}  ${e.ms.toFixed(2).padStart(8)} ms  ${(100 * e.ms / step!.ms).toFixed(1).padStart(5)} %`);
  tf.dispose([x, z]);
  learners.forEach((l) => l.dispose());
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
