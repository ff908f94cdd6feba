import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Runs a Node script to its end; resolves with its exit code and output. */
function runNode(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '',
      stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Results {
  config: { schedule: { kind: string }; batchSize: number };
  seeds: { seed: number; panelDigits: { test: number }; heads: { head: string; accuracy: number }[] }[];
}

// The whole command as a user runs it: its own build check, preview server, headless Chromium and worker.
test('npm run reproduce at a tiny size: a table with mean ± sd, results.json and Fig. 2 panels', async () => {
  const out = await mkdtemp(join(tmpdir(), 'icu-reproduce-'));
  try {
    const args = [
      '--heads',
      'softmax,icu',
      '--epochs',
      '1',
      '--seeds',
      '2',
      '--train',
      '32',
      '--test',
      '50',
      '--batch',
      '16',
      '--backend',
      'wasm',
      '--preset',
      'paper',
      '--schedule',
      'cosine:1:0.1',
      '--out',
      out,
    ];
    const run = await runNode(['scripts/reproduce.mjs', ...args]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\| Softmax \| \d+\.\d\d ± \d+\.\d\d \|/m);
    expect(run.stdout).toMatch(/^\| ICU \| \d+\.\d\d ± \d+\.\d\d \|/m);

    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results;
    expect(results.seeds.map((s) => s.seed)).toEqual([1, 2]);
    // A given flag wins over the preset; the panels hold every test digit of the run.
    expect(results.config.schedule.kind).toBe('cosine');
    expect(results.config.batchSize).toBe(16);
    expect(results.seeds[0]!.panelDigits.test).toBe(50);
    for (const s of results.seeds) {
      expect(s.heads.map((h) => h.head)).toEqual(['softmax', 'icu']);
      for (const h of s.heads) {
        expect(h.accuracy).toBeGreaterThanOrEqual(0);
        expect(h.accuracy).toBeLessThanOrEqual(1);
      }
    }
    for (const name of ['softmax-train', 'softmax-test', 'icu-train', 'icu-test']) {
      const png = await readFile(join(out, `${name}.png`));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${name}.png is a PNG`).toBe(true);
      // Drawn by the app's export of one panel at 2×: as wide as its panel cell, 2 × (46 + 320 + 14) px.
      expect(png.readUInt32BE(16), `${name}.png width`).toBe(760);
    }
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('npm run reproduce without --batch trains the paper’s 128 a step, on the lite network too, and stops after its epochs', async () => {
  const out = await mkdtemp(join(tmpdir(), 'icu-reproduce-'));
  try {
    const args = ['--heads', 'softmax', '--arch', 'lite', '--train', '256', '--test', '100', '--backend', 'wasm'];
    const run = await runNode(['scripts/reproduce.mjs', ...args, '--epochs', '1', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as Results & {
      seeds: { history: { epoch: number; step: number }[] }[];
    };
    expect(results.config.batchSize).toBe(128);
    // 256 digits in steps of 128: one epoch is two steps.
    expect(results.seeds[0]!.history.map((e) => [e.epoch, e.step])).toEqual([[1, 2]]);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
});

test('npm run reproduce names an unknown head and lists the heads the app has', async () => {
  const run = await runNode(['scripts/reproduce.mjs', '--heads', 'softmax,arcface', '--train', '32', '--test', '50']);
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('--heads takes some of softmax,center,lsoftmax,lgm,icu; unknown: arcface');
});

test('npm run reproduce in pieces: a checkpoint after each epoch, the same command again goes on from it, a broken one is named', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'icu-checkpoint-'));
  const file = join(dir, 'run.icurun');
  const tiny = ['--heads', 'softmax', '--train', '256', '--test', '100', '--batch', '64', '--backend', 'wasm'];
  try {
    const first = await runNode(['scripts/reproduce.mjs', ...tiny, '--epochs', '1', '--checkpoint', file]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout + first.stderr).toContain(`checkpoint: epoch 1 (step 4) → ${file}`);

    // The same command asking for two epochs resumes at epoch 1 and trains one more.
    const out = join(dir, 'out');
    const second = await runNode([
      'scripts/reproduce.mjs',
      ...tiny,
      '--epochs',
      '2',
      '--checkpoint',
      file,
      '--out',
      out,
    ]);
    expect(second.code, second.stderr).toBe(0);
    const log = second.stdout + second.stderr;
    expect(log).toContain('epoch 1 (step 4, checkpoint)');
    expect(log).toContain(`checkpoint: epoch 2 (step 8) → ${file}`);
    const results = JSON.parse(await readFile(join(out, 'results.json'), 'utf8')) as {
      seeds: { history: { epoch: number; step: number }[] }[];
    };
    expect(results.seeds[0]!.history.map((e) => [e.epoch, e.step])).toEqual([
      [1, 4],
      [2, 8],
    ]);

    // Other settings than the checkpoint's are refused, naming the flag.
    const other = await runNode([
      'scripts/reproduce.mjs',
      ...tiny,
      '--heads',
      'icu',
      '--epochs',
      '3',
      '--checkpoint',
      file,
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('--heads');

    const broken = join(dir, 'broken.icurun');
    await writeFile(broken, 'not a run file');
    const bad = await runNode(['scripts/reproduce.mjs', '--epochs', '2', '--resume', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`cannot resume from ${broken}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
