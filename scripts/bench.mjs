// npm run bench: in one run on one backend, samples/s of (a) the app's worker loop, (b) the same
// network as a tf.sequential trained by model.fit on the main thread (the official tfjs MNIST
// example's way), (c) the bare forward+backward pass; main-thread long tasks during each; and
// (e) the time from page load to the app's first drawn frame. Prints JSON.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { callHarness, launchChromium, openHarness } from './harness/browser.mjs';
import { ensureBuild } from './harness/build.mjs';
import { CliError, runMain } from './harness/errors.mjs';
import { firstFrameMs } from './harness/firstFrame.mjs';
import { parse, parseFlags, usage } from './harness/flags.mjs';
import { loadAverage, machine } from './harness/machine.mjs';
import { serveDist } from './harness/serve.mjs';
import { speedReport } from './harness/speed.mjs';
import { timeToFig2, timeToFig2Table } from './harness/timeToFig2.mjs';

const SPEC = {
  backend: {
    value: 'NAME',
    help: "auto, webgpu, webgl, wasm or cpu (as the app's ?backend=); --time-to-fig2 uses auto unless given",
    parse: parse.string(),
    default: 'cpu',
  },
  arch: {
    value: 'NAME',
    help: "network: paper or lite (as the app's ?arch=); --time-to-fig2 measures lite then paper unless given",
    parse: parse.string(),
    default: 'paper',
  },
  threads: {
    value: 'N',
    help: "wasm threads, 0 = one per logical core (as the app's ?threads=)",
    parse: parse.int('threads', 0),
    default: 0,
  },
  steps: { value: 'N', help: 'timed steps per method', parse: parse.int('steps'), default: 3 },
  warmup: {
    value: 'N',
    help: 'untimed steps first (kernel set-up, allocation)',
    parse: parse.int('warmup'),
    default: 1,
  },
  batch: { value: 'N', help: 'batch size', parse: parse.int('batch'), default: 16 },
  train: {
    value: 'N',
    help: "training digits of the first-frame page (as the app's ?train=)",
    parse: parse.int('train'),
    default: 512,
  },
  test: {
    value: 'N',
    help: "test digits of the first-frame page (as the app's ?test=), all embedded for its first frame",
    parse: parse.int('test'),
    default: 1000,
  },
  'time-to-fig2': {
    help: 'instead: open ?preset=fig2 as a visitor and time how soon each head reaches 90 % and 95 % on its drawn test digits',
  },
  limit: {
    value: 'S',
    help: 'with --time-to-fig2: stop watching after this many seconds',
    parse: parse.int('limit'),
    default: 600,
  },
  compare: {
    value: 'A,B',
    help: 'instead: the worker loop and the bare network on each of these backends, with speed ratios to the first (e.g. cpu,wasm; wasm:1,wasm:2 sets wasm threads)',
    parse: parse.string(),
  },
  out: { value: 'FILE', help: 'also write the JSON here', parse: parse.string() },
  port: {
    value: 'N',
    help: 'port for the preview server (default: first free of 4180–4189)',
    parse: parse.int('port'),
  },
  help: { help: 'print this help' },
};

const ABOUT = `Measures training speed of the lab's worker loop against tf.LayersModel.fit and the bare network,
in one run on one backend, so the ratios hold on a shared machine. The cpu defaults take ~3 min on 2 cores.`;

/** Calls one bench in the page and says how long it took; a failure is kept in the report, not fatal. */
async function measure(page, name, opts, log) {
  const t0 = Date.now();
  log(
    `${name}: ${opts.warmup} + ${opts.steps} steps of ${opts.batch} on ${opts.backend}${opts.backend === 'wasm' ? ` (threads ${opts.threads || 'auto'})` : ''}…`,
  );
  const { value, error } = await callHarness(page, name, opts);
  if (error) {
    log(`${name} failed (${error.source}): ${error.message}`);
    return { error: `${error.source}: ${error.message}` };
  }
  log(`${name}: ${value.samplesPerSecond.toFixed(2)} samples/s (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  return value;
}

/** Speed ratios (null where a method failed). */
function ratios(worker, fit, raw) {
  const r = (a, b) => (a && b ? Number((a / b).toFixed(3)) : null);
  return {
    workerVsFit: r(worker.samplesPerSecond, fit.samplesPerSecond),
    workerVsRaw: r(worker.samplesPerSecond, raw.samplesPerSecond),
    workerStepsVsRaw: r(worker.stepSamplesPerSecond, raw.samplesPerSecond),
    fitVsRaw: r(fit.samplesPerSecond, raw.samplesPerSecond),
  };
}

async function runBenches(browser, url, flags, log) {
  const opts = {
    backend: flags.backend,
    threads: flags.threads,
    batch: flags.batch,
    steps: flags.steps,
    warmup: flags.warmup,
    network: flags.arch,
  };
  const page = await openHarness(browser, url, { log });
  const invalid = (
    await callHarness(page, 'validate', {
      heads: ['softmax'],
      settings: { backend: flags.backend, wasmThreads: flags.threads, batchSize: flags.batch, network: flags.arch },
    })
  ).value;
  if (invalid) throw new CliError(`invalid run settings: ${invalid}`, 2);
  const workerLoop = await measure(page, 'benchWorker', opts, log);
  // The worker loop trains one head (softmax); Table 1 has five.
  if (!workerLoop.error)
    for (const line of speedReport(
      { name: workerLoop.backend, adapter: workerLoop.adapter, hardwareGpu: workerLoop.hardwareGpu },
      workerLoop.stepSamplesPerSecond,
      [1, 5],
    ))
      log(line);
  log('firstFrame: opening the app…');
  const query = `backend=${flags.backend}&threads=${flags.threads}&arch=${flags.arch}&train=${flags.train}&test=${flags.test}&batch=${flags.batch}`;
  // Kept in the report, not fatal: a software GPU may draw no frame in time, and the speeds above still hold.
  const firstFrame = await firstFrameMs(browser, url, query).catch((e) => ({ error: `firstFrame: ${e.message}` }));
  log(firstFrame.error ?? `firstFrame: ${(firstFrame.ms / 1000).toFixed(1)} s`);
  const layersFit = await measure(page, 'benchFit', opts, log);
  const raw = await measure(page, 'benchRaw', opts, log);
  const backends = new Set([workerLoop.backend, layersFit.backend, raw.backend, firstFrame.backend].filter(Boolean));
  if (backends.size > 1) log(`warning: the methods ran on different backends (${[...backends].join(', ')})`);
  return { options: opts, workerLoop, layersFit, raw, firstFrame, ratios: ratios(workerLoop, layersFit, raw) };
}

/** `wasm:2` → wasm on 2 threads; a bare name takes --threads. */
function parseEntry(entry, threads) {
  const [backend, count] = entry.split(':');
  return { backend, threads: count === undefined ? threads : parse.int('compare threads', 0)(count) };
}

/**
 * The worker loop and the bare network on several backends in one run, with speed ratios to the
 * first. Each entry gets a fresh page: the bare network runs on the page's own tfjs, whose wasm
 * module keeps the thread count it was first started with.
 */
async function compareBackends(browser, url, flags, log) {
  const names = flags.compare
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const byBackend = {};
  for (const name of names) {
    const page = await openHarness(browser, url, { log });
    const opts = {
      ...parseEntry(name, flags.threads),
      batch: flags.batch,
      steps: flags.steps,
      warmup: flags.warmup,
      network: flags.arch,
    };
    byBackend[name] = {
      workerLoop: await measure(page, 'benchWorker', opts, log),
      raw: await measure(page, 'benchRaw', opts, log),
    };
    await page.close();
  }
  const base = byBackend[names[0]];
  const r = (a, b) => (a && b ? Number((a / b).toFixed(2)) : null);
  const speedups = Object.fromEntries(
    names.slice(1).map((b) => [
      `${b}Vs${names[0]}`,
      {
        workerLoop: r(byBackend[b].workerLoop.samplesPerSecond, base.workerLoop.samplesPerSecond),
        raw: r(byBackend[b].raw.samplesPerSecond, base.raw.samplesPerSecond),
      },
    ]),
  );
  return {
    options: { batch: flags.batch, steps: flags.steps, warmup: flags.warmup, network: flags.arch },
    compare: byBackend,
    speedups,
  };
}

/** What a visitor waits for: --arch's network, or lite then paper in one invocation so their ratio is fair. */
async function timeToFig2Runs(browser, url, flags, given, log) {
  const archs = given.has('arch') ? [flags.arch] : ['lite', 'paper'];
  const results = [];
  for (const arch of archs) {
    log(`time to Fig. 2, ${arch} network: watching ?preset=fig2 for up to ${flags.limit} s…`);
    results.push(
      await timeToFig2(browser, url, {
        arch,
        backend: given.has('backend') ? flags.backend : null,
        limitSeconds: flags.limit,
        log,
      }),
    );
  }
  console.error(timeToFig2Table(results));
  return results.length === 1 ? results[0] : results;
}

/** Writes the JSON report, making its folder if need be (a long measurement is not lost to a missing folder). */
async function writeOut(file, json) {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${json}\n`);
}

async function main() {
  const { flags, given } = parseFlags(process.argv.slice(2), SPEC);
  if (flags.help) return console.log(usage('npm run bench --', ABOUT, SPEC));
  const start = Date.now();
  const loadAtStart = loadAverage();
  const log = (m) => console.error(`bench [${Math.round((Date.now() - start) / 1000)} s] ${m}`);
  await ensureBuild(log);
  const server = await serveDist(flags.port);
  const browser = await launchChromium().catch(async (e) => {
    await server.close();
    throw e;
  });
  try {
    if (flags['time-to-fig2']) {
      const report = await timeToFig2Runs(browser, server.url, flags, given, log);
      const json = JSON.stringify(report, null, 2);
      console.log(json);
      if (flags.out) await writeOut(flags.out, json);
      return;
    }
    const results = flags.compare
      ? await compareBackends(browser, server.url, flags, log)
      : await runBenches(browser, server.url, flags, log);
    const report = { date: new Date().toISOString(), machine: { ...machine(browser), loadAtStart }, ...results };
    const json = JSON.stringify(report, null, 2);
    console.log(json);
    if (flags.out) await writeOut(flags.out, json);
    const methods = results.compare
      ? Object.values(results.compare).flatMap((c) => [c.workerLoop, c.raw])
      : [results.workerLoop, results.layersFit, results.raw, results.firstFrame];
    const failed = methods.filter((m) => m.error).map((m) => m.error);
    if (failed.length) throw new CliError(`${failed.join(', ')} failed (see "error" in the JSON)`);
  } finally {
    await browser.close();
    await server.close();
  }
}

runMain('bench', main);
