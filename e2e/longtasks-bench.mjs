// Main-thread long tasks while the lab trains: opens the built app (served by `vite preview`) with the
// Fig. 2 preset on wasm and lists every task over 50 ms (PerformanceObserver 'longtask') during a
// window of training, after a warm-up, once per wasm thread count asked for (0 = one per logical
// core), one after the other. A benchmark, not a test: the count depends on the machine's load.
//
//   npx vite build && node e2e/longtasks-bench.mjs [--seconds 40] [--points 2000] [--threads 1,0]
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const seconds = arg('seconds', 40), points = arg('points', 2000);
const threadCounts = (process.argv.includes('--threads') ? process.argv[process.argv.indexOf('--threads') + 1] : '0').split(',').map(Number);
const PORT = 4182;

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
/** Long tasks during `seconds` of Fig. 2 training on wasm with `threads` threads. */
async function measure(threads) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/?preset=fig2&train=2048&test=2000&batch=64&backend=wasm&threads=${threads}&points=${points}`);
  await page.waitForTimeout(8000); // data, backend, first frames
  const stepAt = async () => Number((await page.getByTestId('step').innerText()).split(' ')[0].replace(/,/g, ''));
  const from = await stepAt();
  await page.evaluate(() => { window.__longTasks = []; });
  await page.waitForTimeout(seconds * 1000);
  const tasks = await page.evaluate(() => window.__longTasks);
  const backend = await page.getByTestId('backend').getAttribute('title');
  const report = { backend, seconds, points, heads: 4, panels: 8, steps: (await stepAt()) - from, longTasks: tasks, load: loadavg().map((v) => v.toFixed(2)) };
  await page.close();
  return report;
}

try {
  for (const threads of threadCounts) console.log(JSON.stringify(await measure(threads)));
} finally {
  await browser.close();
  server.httpServer.close();
}
