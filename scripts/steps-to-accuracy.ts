/**
 * npm run steps-to-accuracy [-- --arch lite|paper --batches 32,64,128 --heads softmax,icu
 *   --target 0.9 --every 2048 --max-samples 40000 --time-steps 4 --lr 0.01 --seed 1]
 *
 * What reaches Fig. 2 sooner: for each batch size, the lab's own Run (the worker's: same pools,
 * batches, shared initial backbone, Adam at `--lr` (the paper's 0.01) and weight decay 0.001) trains
 * the heads on real MNIST in Node (wasm, one thread) and scores every head on the 2,000 test
 * digits the Fig. 2 panels draw (eval-mode features, all at the current step) every `every`
 * training digits, until every head reaches `target` or `max-samples` digits were used. Steps
 * and digits to the target are counts: they do not depend on the machine's load. Then it times
 * `time-steps` steps of every batch size taken in turn (round robin, so the load is shared
 * alike) for the seconds-per-step ratio that turns steps into an estimated time. `--seed` picks
 * the initial weights, the digits drawn and the batch order, as the app's ?seed= does.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { sampleAccuracy } from '../src/store/sampleCurve';
import { parseIdxImages, parseIdxLabels } from '../src/data/idx';
import type { Mnist, Split } from '../src/data/mnist';
import { defaultHyper, isHeadId, type HeadId } from '../src/loss/heads';
import { NETWORKS, type NetworkId } from '../src/model/architecture';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';
import { DEFAULT_CONFIG, type HeadSetup, type RunConfig } from '../src/trainer/shared/config';
import { FRAME_TEST_POINTS, Run } from '../src/learner/run';

const { values: flags } = parseArgs({
  options: {
    arch: { type: 'string', default: 'lite' },
    batches: { type: 'string', default: '32,64,128' },
    heads: { type: 'string', default: 'softmax,center,lgm,icu' },
    target: { type: 'string', default: '0.9' },
    every: { type: 'string', default: '2048' },
    'max-samples': { type: 'string', default: '40000' },
    'time-steps': { type: 'string', default: '4' },
    lr: { type: 'string', default: String(DEFAULT_CONFIG.learningRate) },
    seed: { type: 'string', default: String(DEFAULT_CONFIG.seed) },
  },
});
const network = flags.arch as NetworkId;
if (!(network in NETWORKS)) throw new Error(`--arch ${flags.arch}: use ${Object.keys(NETWORKS).join(' or ')}`);
const heads = flags.heads.split(',');
const unknown = heads.filter((h) => !isHeadId(h));
if (unknown.length) throw new Error(`--heads: ${unknown.join(', ')} is not a head`);
const count = (name: string, text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${text}: expected a whole number ≥ 1`);
  return n;
};
const batches = flags.batches.split(',').map((b) => count('batches', b));
const target = Number(flags.target),
  every = count('every', flags.every),
  maxSamples = count('max-samples', flags['max-samples']);
const timeSteps = count('time-steps', flags['time-steps']);
const learningRate = Number(flags.lr);
const seed = Number(flags.seed);
if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed ${flags.seed}: expected a whole number ≥ 0`);
if (!(learningRate > 0)) throw new Error(`--lr ${flags.lr}: expected a learning rate > 0`);
if (!(target > 0 && target <= 1)) throw new Error(`--target ${flags.target}: expected an accuracy in (0, 1]`);

/** One split from the gzipped IDX files `npm run data` writes to public/data. */
function split(prefix: string): Split {
  const read = (name: string) =>
    new Uint8Array(gunzipSync(readFileSync(new URL(`../public/data/${name}`, import.meta.url))));
  const images = parseIdxImages(read(`${prefix}-images-idx3-ubyte.gz`), prefix),
    labels = parseIdxLabels(read(`${prefix}-labels-idx1-ubyte.gz`), prefix);
  return { count: images.count, images: images.pixels, labels: labels.labels };
}

/** The Fig. 2 preset's heads (default hyper-parameters) at batch size `batch`, `--lr` and `--seed`, otherwise the paper's defaults. */
function config(batch: number): RunConfig {
  return {
    ...DEFAULT_CONFIG,
    seed,
    heads: heads.map((id) => ({ id, hyper: defaultHyper(id as HeadId) }) as HeadSetup),
    batchSize: batch,
    learningRate,
    network,
  };
}

/** Each head's accuracy on the drawn test digits, all embedded at the current step. */
async function drawnAccuracy(run: Run): Promise<number[]> {
  const frame = await run.fullFrame(FRAME_TEST_POINTS);
  if (!frame) throw new Error('the frame was cancelled');
  return frame.heads.map((h) => sampleAccuracy(h.test.predictions, h.test.labels));
}

interface Reached {
  steps: number;
  samples: number;
}

/** Trains at `batch` until every head reaches the target (or the digit budget runs out): each head's first step and digits past it. */
async function toTarget(
  data: Mnist,
  batch: number,
): Promise<{ reached: (Reached | null)[]; last: number[]; steps: number }> {
  const run = new Run(config(batch), data, network);
  const reached: (Reached | null)[] = heads.map(() => null);
  let samples = 0,
    next = every,
    last: number[] = [];
  try {
    while (samples < maxSamples && reached.some((r) => r === null)) {
      samples += (await run.trainStep()).batch;
      if (samples < next) continue;
      next += every;
      last = await drawnAccuracy(run);
      last.forEach((a, i) => {
        if (a >= target && !reached[i]) reached[i] = { steps: run.step, samples };
      });
      console.log(
        `  batch ${batch}: step ${run.step}, ${samples} digits, drawn-test accuracy ${last.map((a) => a.toFixed(3)).join(' ')}`,
      );
    }
    return { reached, last, steps: run.step };
  } finally {
    run.learners.forEach((l) => l.dispose());
  }
}

/** Median seconds per step (all heads) of each batch size, timed in turns so they share the load alike. */
async function secondsPerStep(data: Mnist): Promise<number[]> {
  const runs = batches.map((b) => new Run(config(b), data, network));
  const times: number[][] = batches.map(() => []);
  try {
    for (const r of runs) await r.trainStep(); // warm-up: kernels compiled, Adam's slots made
    for (let k = 0; k < timeSteps; k++) {
      for (const [i, r] of runs.entries()) {
        const t0 = performance.now();
        await r.trainStep();
        times[i]!.push((performance.now() - t0) / 1000);
      }
    }
    return times.map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!);
  } finally {
    runs.forEach((r) => r.learners.forEach((l) => l.dispose()));
  }
}

async function main(): Promise<void> {
  await initWasmBackend(NODE_WASM_DIR);
  const data: Mnist = { train: split('train'), test: split('t10k') };
  console.log(
    `${network} network, heads ${heads.join(', ')}, lr ${learningRate}, seed ${seed}, target ${target}, scored every ${every} digits on the ${FRAME_TEST_POINTS} drawn test digits; load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const results = [];
  for (const batch of batches) results.push({ batch, ...(await toTarget(data, batch)) });
  const perStep = await secondsPerStep(data);
  console.log(
    `seconds per step (${heads.length} heads, wasm in Node, one thread, median of ${timeSteps}): ${batches.map((b, i) => `batch ${b} ${perStep[i]!.toFixed(2)} s`).join(', ')}; load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const cell = (r: Reached | null, s: number) =>
    r ? `${r.steps} steps, ${r.samples} digits, ~${Math.round(r.steps * s)} s` : 'not reached';
  console.log(
    `| batch | s/step | ${heads.map((h) => `${h}: to ${Math.round(target * 100)} %`).join(' | ')} | last accuracies |`,
  );
  console.log(`|---|---|${heads.map(() => '---|').join('')}---|`);
  for (const [i, r] of results.entries()) {
    const s = perStep[i]!;
    console.log(
      `| ${r.batch} | ${s.toFixed(2)} | ${r.reached.map((x) => cell(x, s)).join(' | ')} | ${r.last.map((a) => (100 * a).toFixed(1)).join(', ')} (step ${r.steps}) |`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
