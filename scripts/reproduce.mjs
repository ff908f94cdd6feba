// npm run reproduce: Table 1 (MNIST 2-D column) from the app's own training worker in headless
// Chromium. Each seed is one run training every requested head side by side on identical batches
// (compare mode); prints test accuracy mean ± sd over seeds next to the paper's numbers.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium, openHarness, callHarness } from './harness/browser.mjs';
import { ensureBuild } from './harness/build.mjs';
import { conflictMessage, readCheckpointFile, resumeSource, writeAtomically } from './harness/checkpoint.mjs';
import { CliError, runMain } from './harness/errors.mjs';
import { parse, parseFlags, usage } from './harness/flags.mjs';
import { machine } from './harness/machine.mjs';
import { ProgressBar } from './harness/progress.mjs';
import { resultsJson, writeOutputs } from './harness/results.mjs';
import { serveDist } from './harness/serve.mjs';
import { speedReport } from './harness/speed.mjs';
import { accuraciesByHead, headTable, markdownTable } from './harness/table.mjs';

/** --heads as given: ids, once each; checked against the app's heads once the harness page is open. */
const parseHeads = (raw) => {
  const heads = [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (!heads.length) throw new CliError(`--heads takes a comma-separated list of heads; got ${JSON.stringify(raw)}`, 2);
  return heads;
};

/** The requested heads, all of the app's by default; an unknown id is an error that lists the known ones. */
function checkHeads(requested, known) {
  const ids = Object.keys(known);
  const unknown = (requested ?? []).filter((h) => !known[h]);
  if (unknown.length) throw new CliError(`--heads takes some of ${ids.join(',')}; unknown: ${unknown.join(',')}`, 2);
  return requested ?? ids;
}

// "3" means three seeds, 1, 2 and 3; "7,9" means exactly those.
const parseSeeds = (raw) => {
  if (!raw.includes(',')) return Array.from({ length: parse.int('seeds')(raw) }, (_, i) => i + 1);
  return raw.split(',').map((s) => parse.int('seeds', 0)(s.trim()));
};

/** Flags that set a field of the run's config (RunConfig), passed on only when given. */
const SETTINGS = {
  arch: {
    key: 'network',
    value: 'NAME',
    help: "network: paper or lite (as the app's ?arch=)",
    parse: parse.string(),
    default: 'paper',
  },
  backend: {
    key: 'backend',
    value: 'NAME',
    help: "auto, webgpu, webgl, wasm or cpu (as the app's ?backend=)",
    parse: parse.string(),
    default: 'auto',
  },
  threads: {
    key: 'wasmThreads',
    value: 'N',
    help: "wasm threads, 0 = one per logical core (as the app's ?threads=)",
    parse: parse.int('threads', 0),
    default: 0,
  },
  train: {
    key: 'trainSize',
    value: 'N',
    help: 'training digits (seeded class-balanced subset)',
    parse: parse.int('train'),
    default: 60000,
  },
  test: {
    key: 'testSize',
    value: 'N',
    help: 'test digits evaluated and drawn',
    parse: parse.int('test'),
    default: 10000,
  },
  imbalance: {
    key: 'imbalance',
    value: 'ρ',
    help: 'long-tail ratio n_max/n_min, 1 to 200',
    parse: parse.number('imbalance'),
    default: 1,
  },
  batch: { key: 'batchSize', value: 'N', help: 'batch size', parse: parse.int('batch'), default: 128 },
  lr: {
    key: 'learningRate',
    value: 'x',
    help: 'Adam learning rate (constant)',
    parse: parse.number('lr'),
    default: 0.01,
  },
  wd: {
    key: 'weightDecay',
    value: 'x',
    help: 'weight decay (L2 on conv/FC kernels)',
    parse: parse.number('wd'),
    default: 0.001,
  },
  points: {
    key: 'frameTrainPoints',
    value: 'N',
    help: 'training digits in each Fig. 2 train panel',
    parse: parse.int('points'),
    default: 2000,
  },
};

/** --preset paper: the settings the paper states, plus a documented step decay (×0.1 for the last epoch). */
const PAPER = { learningRate: 0.01, batchSize: 128, weightDecay: 0.001 };
const paperSchedule = (epochs) => (epochs >= 2 ? `step:0.1:${epochs - 1}` : 'constant');

const SPEC = {
  heads: {
    value: 'a,b,…',
    help: "loss heads, trained side by side (default: all the app's heads)",
    parse: parseHeads,
  },
  epochs: { value: 'N', help: 'epochs per run', parse: parse.int('epochs'), default: 1 },
  seeds: { value: 'N|a,b,…', help: 'N seeds (1…N) or a list of seeds', parse: parseSeeds, default: [1] },
  schedule: {
    value: 'S',
    help: 'learning-rate schedule: constant, step:FACTOR:EVERY_EPOCHS or cosine:EPOCHS:MIN_FACTOR',
    parse: parse.string(),
  },
  preset: {
    value: 'NAME',
    help: "'paper': Adam lr 0.01, batch 128, weight decay 0.001, paper hyper-parameters, ×0.1 for the last epoch",
    parse: parse.string(),
  },
  ...SETTINGS,
  out: {
    value: 'DIR',
    help: 'write results.json and <head>-train|test.png (Fig. 2 panels, first seed) here',
    parse: parse.string(),
  },
  'save-states': {
    value: 'DIR',
    help: 'write each head\'s trained state (last seed) as DIR/<arch>-<head>.icurun, the files the app\'s "Start from trained" opens',
    parse: parse.string(),
  },
  checkpoint: {
    value: 'FILE',
    help:
      'after each epoch, write the whole run (every head, Adam moments, curves) to FILE, a run file; ' +
      'if FILE exists, continue its run first, so the same command run again goes on where it stopped',
    parse: parse.string(),
  },
  resume: {
    value: 'FILE',
    help:
      "continue the run in FILE (a checkpoint or the app's saved run) until --epochs epochs are done; " +
      'run flags may repeat its settings, not change them (--backend, --threads may)',
    parse: parse.string(),
  },
  port: {
    value: 'N',
    help: 'port for the preview server (default: first free of 4180–4189)',
    parse: parse.int('port'),
  },
  help: { help: 'print this help' },
};

const ABOUT = `Reproduces Table 1 (MNIST, 2-D features) with the lab's training worker in headless Chromium.
On a CPU-only machine use a subset, e.g. --train 512 --test 1000 --backend cpu.`;

/**
 * The RunConfig fields the user set, the network (the paper's unless --arch) and the batch (128
 * unless --batch: the app's default leaves it to the network), for the harness to lay over the
 * app's defaults.
 */
const settingsOf = (flags, given) => ({
  network: flags.arch,
  batchSize: flags.batch,
  ...(flags.preset === 'paper' ? PAPER : {}),
  ...Object.fromEntries(
    Object.entries(SETTINGS)
      .filter(([k]) => given.has(k))
      .map(([k, s]) => [s.key, flags[k]]),
  ),
});

/** The flag that sets a RunConfig field. */
const flagOf = (setting) =>
  ({ heads: 'heads', seed: 'seeds', schedule: 'schedule', network: 'arch' })[setting] ??
  Object.keys(SETTINGS).find((k) => SETTINGS[k].key === setting) ??
  setting;

/** The run request of one seed: heads, settings, schedule (a preset's unless given) and length. */
const requestOf = (flags, given, seed) => ({
  heads: flags.heads,
  settings: { ...settingsOf(flags, given), seed },
  epochs: flags.epochs,
  schedule: flags.schedule ?? (flags.preset === 'paper' ? paperSchedule(flags.epochs) : undefined),
});

/** What the command line itself asks of the run (no defaults), to hold against a checkpoint's settings. */
function givenRequest(flags, given) {
  const request = requestOf(flags, given, flags.seeds[0]);
  if (!given.has('arch')) delete request.settings.network;
  if (!given.has('batch') && flags.preset !== 'paper') delete request.settings.batchSize;
  if (!given.has('seeds')) delete request.settings.seed;
  return request;
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function describeRun(seed, { backend, timing: t, trainUsed, testUsed, heads }) {
  return (
    `seed ${seed}: ${backend.name}; set-up ${seconds(t.setupMs)}; ${seconds(t.msPerEpoch)} per epoch of ${trainUsed} digits × ${heads.length} heads ` +
    `(steps ${t.stepSamplesPerSecond.toFixed(1)} digits/s, evaluating ${testUsed} test digits ${seconds(t.evaluationMs)})`
  );
}

/** One seed's run (`options`: resume, a checkpoint in base64; checkpoint, whether to write them); progress goes to the bar as a share of all seeds. */
async function runSeed(page, request, epochs, options) {
  const { value, error } = await callHarness(page, 'reproduce', request, epochs, options);
  if (!error) return value;
  if (error.source === 'data')
    throw new CliError(`MNIST could not be loaded (${error.message}): run \`npm run data\`, then retry`);
  throw new CliError(`seed ${request.settings.seed}: the training worker stopped (${error.source}): ${error.message}`);
}

/** An evaluation's line in the log (each head's test accuracy); once per step. */
function logEvaluation(bar, flags, state, evaluation, at = new Date().toISOString()) {
  if (evaluation.step === state.logged) return;
  state.logged = evaluation.step;
  const accuracies = flags.heads
    .map((h, i) => `${state.known[h].name} ${(100 * evaluation.accuracy[i]).toFixed(2)}`)
    .join(', ');
  bar.log(`seed ${flags.seeds[state.index]} epoch ${evaluation.epoch} (step ${evaluation.step}, ${at}): ${accuracies}`);
}

/**
 * Progress to the bar, and each evaluation to the log as it comes: a run of hours keeps its epochs
 * if it dies. `state` holds the seed's index and the head table, once the harness page is open.
 */
function progressReporter(bar, flags, state) {
  const { seeds } = flags;
  return (p) => {
    if (p.evaluation) logEvaluation(bar, flags, state, p.evaluation);
    const within = p.phase === 'loading' || !p.totalSteps ? 0 : Math.min(1, p.step / p.totalSteps);
    const detail =
      p.phase === 'loading' ? `loading MNIST ${Math.round(100 * p.loaded)}%` : `step ${p.step}/${p.totalSteps ?? '?'}`;
    bar.update(
      (state.index + within) / seeds.length,
      `seed ${seeds[state.index]} (${state.index + 1}/${seeds.length})`,
      detail,
    );
  };
}

/**
 * Reads the run to continue and checks the command line against it; the run's heads and seed
 * become the flags', and its past epochs go to the log as if they had just been trained.
 * Returns the checkpoint, base64.
 */
async function openCheckpoint(page, file, flags, given, bar, state) {
  if (given.has('seeds') && flags.seeds.length !== 1)
    throw new CliError(`--seeds: a resumed run is one seed's (its checkpoint's); got ${flags.seeds.length} seeds`, 2);
  const base64 = await readCheckpointFile(file);
  const { value, error } = await callHarness(page, 'checkpoint', base64, givenRequest(flags, given));
  if (error?.source === 'RunFileError') throw new CliError(`cannot resume from ${file}: ${error.message}`, 2);
  if (error) throw new CliError(`invalid run settings: ${error.message}`, 2);
  const conflicts = conflictMessage(file, value.conflicts, flagOf);
  if (conflicts) throw new CliError(conflicts, 2);
  const { config, step, history } = value.info;
  const done = history.at(-1)?.epoch ?? 0;
  if (done > flags.epochs)
    throw new CliError(`${file} holds ${done} epochs already, more than --epochs ${flags.epochs} asks for`, 2);
  flags.heads = config.heads.map((h) => h.id);
  flags.seeds = [config.seed];
  bar.log(`resuming from ${file}: epoch ${done} of ${flags.epochs} done (step ${step})`);
  for (const e of history) logEvaluation(bar, flags, state, e, 'checkpoint');
  return base64;
}

async function runAll(page, flags, given, bar, state, resume) {
  // Every value is checked by the worker protocol's own validation before anything trains.
  if (flags.preset !== undefined && flags.preset !== 'paper')
    throw new CliError(`unknown --preset ${flags.preset} (known: paper)`, 2);
  const invalid = (await callHarness(page, 'validate', requestOf(flags, given, 1))).value;
  if (invalid) throw new CliError(`invalid run settings: ${invalid}`, 2);
  const runs = [];
  for (const [i, seed] of flags.seeds.entries()) {
    state.index = i;
    const request = requestOf(flags, given, seed);
    const run = await runSeed(page, request, flags.epochs, { resume, checkpoint: flags.checkpoint !== undefined });
    bar.log(describeRun(seed, run));
    runs.push(run);
  }
  return runs;
}

/** The last run's heads as trained states, one run file each. */
async function saveStates(page, dir, arch) {
  const { value, error } = await callHarness(page, 'trainedStates');
  if (error) throw new CliError(`could not save the trained states: ${error.message}`);
  await mkdir(dir, { recursive: true });
  return Promise.all(
    value.map(async ({ head, base64 }) => {
      const file = join(dir, `${arch}-${head}.icurun`);
      await writeFile(file, Buffer.from(base64, 'base64'));
      return file;
    }),
  );
}

/**
 * The adapter the runs trained on, their speed and an epoch-time estimate for their heads and for
 * all five: each step trains every head on the batch, so one head's speed is the steps' digits/s × heads.
 */
function speedSummary(runs, known) {
  const heads = runs[0].heads.length;
  const perHead = (heads * runs.reduce((a, r) => a + r.timing.stepSamplesPerSecond, 0)) / runs.length;
  return speedReport(runs[0].backend, perHead, [...new Set([heads, Object.keys(known).length])]).join('\n');
}

async function main() {
  const argv = process.argv.slice(2);
  const { flags, given } = parseFlags(argv, SPEC);
  if (flags.help) return console.log(usage('npm run reproduce --', ABOUT, SPEC));
  const bar = new ProgressBar();
  const log = (m) => bar.log(m);
  const from = resumeSource(flags);
  const checkpoint = async (epoch, step, base64) => {
    await writeAtomically(flags.checkpoint, Buffer.from(base64, 'base64'));
    log(`checkpoint: epoch ${epoch} (step ${step}) → ${flags.checkpoint}`);
  };
  await ensureBuild(log);
  const server = await serveDist(flags.port);
  const browser = await launchChromium().catch(async (e) => {
    await server.close();
    throw e;
  });
  try {
    const state = { index: 0, known: null, logged: null };
    const page = await openHarness(browser, server.url, {
      log,
      onProgress: progressReporter(bar, flags, state),
      onCheckpoint: flags.checkpoint === undefined ? undefined : checkpoint,
    });
    const known = (state.known = await headTable(page));
    const resume = from && (await openCheckpoint(page, from, flags, given, bar, state));
    flags.heads = checkHeads(flags.heads, known);
    const runs = await runAll(page, flags, given, bar, state, resume);
    bar.done();
    console.log(markdownTable(flags.seeds, accuraciesByHead(runs), known));
    console.log(speedSummary(runs, known));
    if (flags['save-states']) log(`wrote ${(await saveStates(page, flags['save-states'], flags.arch)).join(', ')}`);
    if (!flags.out) return;
    const json = resultsJson({
      argv,
      machine: machine(browser),
      epochs: flags.epochs,
      seeds: flags.seeds,
      runs,
      heads: known,
    });
    const files = await writeOutputs(flags.out, page, { json, seeds: flags.seeds, runs });
    log(`wrote ${files.join(', ')}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

runMain('reproduce', main);
