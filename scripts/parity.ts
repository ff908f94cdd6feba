/**
 * npm run parity -- --fixture DIR [--backend cpu|wasm] [--out FILE]
 *
 * Trains the lab's own Learner on a training-parity fixture (DIR/parity.json and
 * DIR/parity-images.bin, the format of ../shared/spec/parity/README.md), prints each
 * head's worst errors against the fixture, writes the lab's numbers to FILE in the
 * fixture's shape, and exits 1 when a judged error is past its tolerance (2 for a bad
 * command line or fixture).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initWasmBackend } from '../src/model/wasmBackend';
import { NODE_WASM_DIR } from '../src/model/wasmTestSupport';
import { compareParity, runParity, type HeadReport, type ParityFixture } from '../src/train/parity';

const USAGE = 'usage: npm run parity -- --fixture DIR [--backend cpu|wasm] [--out FILE]';

class UsageError extends Error {}

function options() {
  const { values } = parseArgs({
    options: { fixture: { type: 'string' }, backend: { type: 'string', default: 'cpu' }, out: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (!values.fixture) throw new UsageError('--fixture DIR is required');
  if (values.backend !== 'cpu' && values.backend !== 'wasm') throw new UsageError(`--backend ${values.backend}: use cpu or wasm`);
  return { fixture: values.fixture, backend: values.backend, out: values.out };
}

const fmt = (x: number) => (Number.isFinite(x) ? x.toExponential(2) : String(x));

function printReport(reports: HeadReport[]): void {
  for (const r of reports) {
    console.log(`${r.head}: ${r.pass ? 'holds' : 'FAILS'} · predictions agree on ${r.predictionsAgree}/${r.predictions}`);
    for (const w of r.worst) {
      const judged = w.tolerance === null ? '(reported)' : `tolerance ${fmt(w.tolerance)}${w.error > w.tolerance ? '  ← over' : ''}`;
      console.log(`  ${w.kind.padEnd(12)} worst ${fmt(w.error)} at ${w.where} (lab ${w.got}, fixture ${w.want}) ${judged}`);
    }
  }
}

async function main(): Promise<number> {
  const { fixture: dir, backend, out } = options();
  const fixture = JSON.parse(readFileSync(join(dir, 'parity.json'), 'utf8')) as ParityFixture;
  const pixels = new Uint8Array(readFileSync(join(dir, 'parity-images.bin')));
  if (backend === 'wasm') await initWasmBackend(NODE_WASM_DIR);
  else await tf.setBackend('cpu');
  console.log(`parity: ${Object.keys(fixture.heads).join(', ')} on ${tf.getBackend()}, ${fixture.steps} steps of ${fixture.batch}`);
  const result = await runParity(fixture, pixels);
  if (out) writeFileSync(out, JSON.stringify(result));
  const reports = compareParity(fixture, result);
  printReport(reports);
  const failed = reports.filter((r) => !r.pass).map((r) => r.head);
  console.log(failed.length === 0 ? 'parity holds for every head' : `parity FAILS for ${failed.join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

main().then((code) => process.exit(code), (e: unknown) => {
  console.error(`parity: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof UsageError) console.error(USAGE);
  process.exit(2);
});
