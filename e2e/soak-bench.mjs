// Soak benchmark: the Fig. 2 preset (?preset=fig2) trains for --minutes while a visitor hovers over
// every panel, exports the figure (PNG and SVG) and nudges the live sliders, on a cycle. Once a
// minute it records what would grow if something leaked or piled up: the worker's live tensors and
// tensor bytes (tfjs's engine, read in the worker), the page's JS heap (CDP Performance.getMetrics),
// frames received and main-thread long tasks (> 50 ms) in that minute, and the step. It prints
// one JSON line per minute and a summary comparing the first and last minute. A benchmark, not a
// test: the numbers depend on the machine's load, printed beside them.
//
//   npx vite build && node e2e/soak-bench.mjs [--minutes 30] [--port N] [--dist DIR]
//
// --dist serves a copy of the build (so dist/ can be rebuilt while a long soak runs).
import { resolve } from 'node:path';
import { preview } from 'vite';
import { launchChromium } from '../scripts/harness/browser.mjs';
import { loadAverage, machine } from '../scripts/harness/machine.mjs';
import { freePort } from '../scripts/harness/serve.mjs';

const flag = (name) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : undefined;
const minutes = Number(flag('minutes') ?? 30);
const port = await freePort(flag('port') ? Number(flag('port')) : undefined);
const outDir = resolve(flag('dist') ?? 'dist');
const QUERY = '?preset=fig2';
/** One cycle of visitor actions every this long; a sample every minute. */
const CYCLE_MS = 15_000,
  SAMPLE_MS = 60_000;

const server = await preview({
  logLevel: 'warn',
  build: { outDir },
  preview: { port, strictPort: true, host: '127.0.0.1', open: false },
});
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.addInitScript(() => {
  // Frames as the page receives them, counted beside the lab's own listener.
  window.__soak = { frames: 0, longTasks: [] };
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url, options) {
      super(url, options);
      this.addEventListener('message', (e) => {
        if (e.data?.type === 'frame') window.__soak.frames++;
      });
    }
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__soak.longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
});
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');

/** The trainer's worker (not tfjs's wasm thread workers, which are blobs). */
const trainer = () => page.workers().find((w) => !w.url().startsWith('blob:'));
/** The step the status line shows. */
const stepNow = async () => Number((await page.getByTestId('step').innerText()).split(' ')[0].replace(/,/g, ''));

/** What is measured once a minute; frames and long tasks are counted since the last sample. */
async function sample(minute) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const tf = await trainer()
    ?.evaluate(() => globalThis._tfengine?.memory())
    .catch(() => undefined);
  const { frames, longTasks } = await page.evaluate(() => {
    const counts = { frames: window.__soak.frames, longTasks: window.__soak.longTasks };
    window.__soak.frames = 0;
    window.__soak.longTasks = [];
    return counts;
  });
  return {
    minute,
    step: await stepNow(),
    framesPerMinute: frames,
    longTasks: longTasks.length,
    longestTaskMs: Math.max(0, ...longTasks),
    workerTensors: tf?.numTensors ?? null,
    workerTensorMB: tf ? +(tf.numBytes / 2 ** 20).toFixed(2) : null,
    pageHeapMB: +(heap / 2 ** 20).toFixed(1),
    load: loadAverage(),
  };
}

/** One visitor cycle: hover across every panel, export PNG and SVG, nudge one live slider there and back. */
async function cycle(n) {
  for (const canvas of await page.locator('canvas[data-testid^="scatter-"]').all()) {
    const box = await canvas.boundingBox();
    if (!box) continue;
    for (let i = 1; i <= 8; i++)
      await page.mouse.move(box.x + (box.width * i) / 9, box.y + (box.height * ((i * 5) % 9)) / 9);
  }
  await page.mouse.move(0, 0);
  for (const label of ['Export PNG', 'Export SVG']) {
    const button = page.getByRole('button', { name: label, exact: true });
    if (!(await button.isEnabled())) continue;
    const [file] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), button.click()]);
    await file.delete();
  }
  const sliders = await page.locator('section[aria-label="live settings"] input[type="range"]').all();
  const slider = sliders[n % sliders.length];
  if (slider && (await slider.isEnabled())) {
    const at = Number(await slider.inputValue());
    await slider.fill(String(Math.max(0, at - 20)));
    await slider.fill(String(at));
  }
}

try {
  await page.goto(`http://127.0.0.1:${port}/${QUERY}`);
  await page.getByTestId('scatter-test-3').waitFor({ timeout: 300_000 });
  await page.waitForFunction(() => window.__soak.frames > 0, null, { timeout: 300_000 });
  console.log(JSON.stringify({ machine: machine(browser), query: QUERY, minutes, cycleSeconds: CYCLE_MS / 1000 }));
  await sample(0); // starts the first minute's counts
  const samples = [];
  const start = Date.now();
  let nextSample = start + SAMPLE_MS,
    cycles = 0;
  while (Date.now() - start < minutes * 60_000) {
    await cycle(cycles++);
    const wait = Math.min(CYCLE_MS, nextSample - Date.now());
    if (wait > 0) await page.waitForTimeout(wait);
    if (Date.now() >= nextSample) {
      samples.push(await sample(samples.length + 1));
      console.log(JSON.stringify(samples.at(-1)));
      nextSample += SAMPLE_MS;
    }
  }
  const [first, last] = [samples[0], samples.at(-1)];
  console.log(JSON.stringify({ summary: { cycles, pageErrors: errors, first, last } }));
} finally {
  await browser.close();
  server.httpServer.close();
}
