import { copyFile, mkdtemp, readFile, rm, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PrepareData {
  mnistDataDir(): string;
  prepareData(options: {
    inputDir: string;
    outputDir: string;
    names?: string[];
  }): Promise<{ written: string[]; skipped: string[] }>;
}

// Only the labels files, to stay fast (the training images take seconds at level 9).
const LABELS = ['train-labels-idx1-ubyte', 't10k-labels-idx1-ubyte'];

describe('prepare-data', () => {
  let script: PrepareData;
  let inputDir: string;
  let outputDir: string;

  beforeAll(async () => {
    // A computed specifier: the script is plain JavaScript without declarations, typed by the interface above.
    script = (await import(new URL('./prepare-data.mjs', import.meta.url).href)) as PrepareData;
    inputDir = await mkdtemp(join(tmpdir(), 'mnist-in-'));
    outputDir = join(await mkdtemp(join(tmpdir(), 'mnist-out-')), 'data');
    for (const name of LABELS) await copyFile(join(script.mnistDataDir(), name), join(inputDir, name));
  });

  afterAll(async () => {
    await rm(inputDir, { recursive: true, force: true });
    await rm(join(outputDir, '..'), { recursive: true, force: true });
  });

  it('writes gzip files that decode to the original bytes', async () => {
    const result = await script.prepareData({ inputDir, outputDir, names: LABELS });
    expect(result.written).toEqual(LABELS.map((name) => `${name}.gz`));
    for (const name of LABELS) {
      const gz = await readFile(join(outputDir, `${name}.gz`));
      expect([gz[0], gz[1]]).toEqual([0x1f, 0x8b]);
      expect(gunzipSync(gz).equals(await readFile(join(script.mnistDataDir(), name)))).toBe(true);
    }
  });

  it('skips outputs newer than their inputs and redoes stale ones', async () => {
    expect((await script.prepareData({ inputDir, outputDir, names: LABELS })).skipped.length).toBe(2);
    const stale = join(outputDir, `${LABELS[0]}.gz`);
    const input = await stat(join(inputDir, LABELS[0] ?? ''));
    await utimes(stale, input.atime, new Date(input.mtimeMs - 60_000));
    const again = await script.prepareData({ inputDir, outputDir, names: LABELS });
    expect(again).toMatchObject({ written: [`${LABELS[0]}.gz`], skipped: [`${LABELS[1]}.gz`] });
  });
});
