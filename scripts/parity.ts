/**
 * npm run parity -- --fixture DIR [--backend cpu|wasm|webgl|webgpu] [--out FILE]
 *
 * Trains the lab's own Learner on a training-parity fixture (DIR/parity.json and
 * DIR/parity-images.bin, the format of ../shared/spec/parity/README.md), prints each
 * head's worst errors against the fixture, writes the lab's numbers to FILE in the
 * fixture's shape, and exits 1 when a judged error is past its tolerance (2 for a bad
 * command line or fixture). cpu and wasm train in Node; webgl and webgpu, which Node lacks,
 * in headless Chromium through the harness page (the backend forced, as ?backend= forces it).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';
import {
  compareParity,
  runParity,
  type HeadReport,
  type ParityFixture,
  type ParityResult,
} from '../src/learner/parity';
import type { BrowserParity } from '../src/harness/parity';
import { callHarness, launchChromium, openHarness } from './harness/browser.mjs';
import { ensureBuild } from './harness/build.mjs';
import { serveDist } from './harness/serve.mjs';

const USAGE = 'usage: npm run parity -- --fixture DIR [--backend cpu|wasm|webgl|webgpu] [--out FILE]';

const BACKENDS = ['cpu', 'wasm', 'webgl', 'webgpu'] as const;
type Backend = (typeof BACKENDS)[number];
const isBackend = (b: string): b is Backend => (BACKENDS as readonly string[]).includes(b);

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: {
      fixture: { type: 'string' },
      backend: { type: 'string', default: 'cpu' },
      out: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.fixture) throw new UsageError('--fixture DIR is required');
  const backend = values.backend;
  if (!isBackend(backend)) throw new UsageError(`--backend ${backend}: use ${BACKENDS.join(', ')}`);
  return { fixture: values.fixture, backend, out: values.out };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x));

function printReport(reports: HeadReport[]): void {
  for (const r of reports) {
    console.log(
      `${r.head}: ${r.pass ? 'holds' : 'FAILS'} · predictions agree on ${r.predictionsAgree}/${r.predictions}`,
    );
    for (const w of r.worst) {
      const judged =
        w.tolerance === null ? '(reported)' : `tolerance ${fmt(w.tolerance)}${w.error > w.tolerance ? '  ← over' : ''}`;
      console.log(
        `  ${w.kind.padEnd(12)} worst ${fmt(w.error)} at ${w.where} (lab ${w.got}, fixture ${w.want}) ${judged}`,
      );
    }
  }
}

/** Runs the fixture in Node on cpu or wasm. */
async function inNode(fixture: ParityFixture, pixels: Uint8Array, backend: 'cpu' | 'wasm'): Promise<ParityResult> {
  if (backend === 'wasm') await initWasmBackend(NODE_WASM_DIR);
  else await tf.setBackend('cpu');
  console.log(
    `parity: ${Object.keys(fixture.heads).join(', ')} on ${tf.getBackend()} in Node, ${fixture.steps} steps of ${fixture.batch}`,
  );
  return runParity(fixture, pixels);
}

/** Runs the fixture on the harness page's main thread in headless Chromium, on WebGL or WebGPU. */
async function inChromium(
  fixture: ParityFixture,
  pixels: Uint8Array,
  backend: 'webgl' | 'webgpu',
): Promise<ParityResult> {
  const log = (m: string) => console.error(`parity: ${m}`);
  await ensureBuild(log);
  const server = await serveDist();
  try {
    const browser = await launchChromium();
    try {
      const page = await openHarness(browser, server.url, { log });
      console.log(
        `parity: ${Object.keys(fixture.heads).join(', ')} on ${backend} in Chromium ${browser.version()}, ${fixture.steps} steps of ${fixture.batch}`,
      );
      const { value, error } = await callHarness<BrowserParity>(page, 'parity', fixture, Array.from(pixels), backend);
      if (!value) throw new Error(`${backend} in Chromium: ${error?.message ?? 'no result'}`);
      console.log(
        `parity: ran on ${value.backend}${value.adapter ? ` (adapter ${value.adapter}, ${value.hardwareGpu ? 'a hardware GPU' : 'software, not a GPU'})` : ''}; ${value.reason}`,
      );
      return value.result;
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

async function main(): Promise<number> {
  const { fixture: dir, backend, out } = options();
  const fixture = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8')) as ParityFixture;
  const pixels = new Uint8Array(readFileSync(join(dir, 'parity-images.bin')));
  const result =
    backend === 'cpu' || backend === 'wasm'
      ? await inNode(fixture, pixels, backend)
      : await inChromium(fixture, pixels, backend);
  if (out) writeFileSync(out, JSON.stringify(result));
  const reports = compareParity(fixture, result);
  printReport(reports);
  const failed = reports.filter((r) => !r.pass).map((r) => r.head);
  console.log(failed.length === 0 ? 'parity holds for every head' : `parity FAILS for ${failed.join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`parity: ${e instanceof Error ? e.message : String(e)}`);
    if (e instanceof UsageError) console.error(USAGE);
    process.exit(2);
  },
);
