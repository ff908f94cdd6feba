import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { callHarness } from './browser.mjs';
import { CliError } from './errors.mjs';
import { accuraciesByHead, meanSd } from './table.mjs';

/** One seed's run; its panels hold the digits of the worker's last frame, which its time budget sizes. */
function seedSummary(seed, run) {
  const { heads, history, timing, frameStep, panelDigits, backend, trainUsed, testUsed, stepsPerEpoch, notices } = run;
  return { seed, heads, history, timing, frameStep, panelDigits, backend, trainUsed, testUsed, stepsPerEpoch, notices };
}

/** results.json's content: the command, machine, config, every seed's numbers and the summary (`heads`: a headTable). */
export function resultsJson({ argv, machine, epochs, seeds, runs, heads }) {
  // The seed varies per run; the rest of the config is shared.
  const config = { ...runs[0].config };
  delete config.seed;
  const summary = accuraciesByHead(runs).map(({ head, values }) => ({
    head,
    ...meanSd(values),
    values,
    paper: heads[head].paperAccuracy / 100,
  }));
  return {
    command: `node scripts/reproduce.mjs ${argv.join(' ')}`.trim(),
    date: new Date().toISOString(),
    machine,
    epochs,
    config,
    seeds: seeds.map((seed, i) => seedSummary(seed, runs[i])),
    summary,
  };
}

/** A data URL's bytes. */
function pngBytes(dataUrl) {
  const prefix = 'data:image/png;base64,';
  if (!dataUrl.startsWith(prefix)) throw new CliError('the harness did not return a PNG');
  return Buffer.from(dataUrl.slice(prefix.length), 'base64');
}

/** Fig. 2's panels of one seed's run: <head>-train.png and <head>-test.png, drawn by the harness page as the app exports them. */
async function writePanels(page, dir, seed, run) {
  const files = [];
  for (const [i, h] of run.heads.entries()) {
    for (const split of ['train', 'test']) {
      const { value, error } = await callHarness(page, 'panelPng', seed, i, split);
      if (error) throw new CliError(`drawing the ${h.head} ${split} panel failed: ${error.message}`);
      const file = join(dir, `${h.head}-${split}.png`);
      await writeFile(file, pngBytes(value));
      files.push(file);
    }
  }
  return files;
}

/** Writes results.json and the first seed's panels into `dir` (report: json, seeds, runs); returns the files written. */
export async function writeOutputs(dir, page, report) {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'results.json');
  await writeFile(json, `${JSON.stringify(report.json, null, 2)}\n`);
  return [json, ...(await writePanels(page, dir, report.seeds[0], report.runs[0]))];
}
