import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ParityFixture, ParityResult } from '../src/learner/parity';

// The training-parity fixture of ../shared/spec/parity/ (an independent PyTorch float64 run), copied.
const FIXTURE = new URL('../fixtures/parity/', import.meta.url).pathname;
const fixture = JSON.parse(readFileSync(join(FIXTURE, 'parity.json'), 'utf8')) as ParityFixture;

/** Runs `npm run parity` as a user would (through tsx), returning its exit code and output. */
async function parity(args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', 'scripts/parity.ts', ...args], {
      maxBuffer: 1 << 24,
    });
    return { code: 0, out: stdout + stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, out: err.stdout + err.stderr };
  }
}

/** A copy of the fixture with `edit` applied to its JSON (and the images cut to `imageBytes`, if given). */
function tampered(edit: (f: ParityFixture) => void, imageBytes?: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'parity-'));
  const copy = structuredClone(fixture);
  edit(copy);
  writeFileSync(join(dir, 'parity.json'), JSON.stringify(copy));
  copyFileSync(join(FIXTURE, 'parity-images.bin'), join(dir, 'parity-images.bin'));
  if (imageBytes !== undefined)
    writeFileSync(join(dir, 'parity-images.bin'), readFileSync(join(dir, 'parity-images.bin')).subarray(0, imageBytes));
  return dir;
}

describe('npm run parity on the shared PyTorch fixture', () => {
  it.each(['cpu', 'wasm'])(
    'holds for every head on %s and writes the fixture’s shape',
    async (backend) => {
      const out = join(mkdtempSync(join(tmpdir(), 'parity-out-')), 'result.json');
      const run = await parity(['--fixture', FIXTURE, '--backend', backend, '--out', out]);
      expect(run.out).toContain('parity holds for every head');
      expect(run.code).toBe(0);
      const result = JSON.parse(readFileSync(out, 'utf8')) as ParityResult;
      for (const [head, want] of Object.entries(fixture.heads)) {
        const got = result.heads[head]!;
        expect(got.steps).toHaveLength(fixture.steps);
        expect(Object.keys(got.running).sort()).toEqual(Object.keys(want.running).sort());
        expect(got.evalFeatures).toHaveLength(want.evalFeatures.length);
        expect(got.evalPredictions).toHaveLength(fixture.testLabels.length);
      }
    },
    300_000,
  );

  it('exits 1 and names the head when a step’s loss or a running variance is off', async () => {
    const dir = tampered((f) => {
      f.heads.icu!.steps[3]!.total *= 1.01;
      f.heads.lgm!.running['fc1.bn.var']![0]! *= 1.05;
      f.heads = { icu: f.heads.icu!, lgm: f.heads.lgm! };
    });
    const run = await parity(['--fixture', dir, '--backend', 'wasm']);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/stepTotal +worst 9\.9\de-3 at step 3 .*← over/);
    expect(run.out).toMatch(/runningVar +worst .* at fc1\.bn\.var\[0\] .*← over/);
    expect(run.out).toContain('parity FAILS for icu, lgm');
  }, 120_000);

  it('refuses a truncated images file and an unknown hyper-parameter with a message (exit 2)', async () => {
    const truncated = await parity(['--fixture', tampered(() => {}, 1000), '--backend', 'wasm']);
    expect(truncated.code).toBe(2);
    expect(truncated.out).toContain('the images file holds 1000 bytes');
    const misspelt = await parity([
      '--fixture',
      tampered((f) => {
        f.heads = { icu: { ...f.heads.icu!, hyper: { alfa: 1 } } };
      }),
      '--backend',
      'wasm',
    ]);
    expect(misspelt.code).toBe(2);
    expect(misspelt.out).toContain('icu has no hyper-parameter alfa');
  }, 120_000);
});
