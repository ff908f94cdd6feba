// Main-thread long tasks while the lab trains: opens the built app (served by `vite preview`) with the
// Fig. 2 preset on wasm and lists every task over 50 ms (PerformanceObserver 'longtask') during a
// window of training, after a warm-up. A benchmark, not a test: the count depends on the machine's load.
//
//   npx vite build && node e2e/longtasks-bench.mjs [--seconds 40] [--points 2000]
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const arg = (name, fallback) => Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) || fallback;
const seconds = arg('seconds', 40), points = arg('points', 2000);
const PORT = 4182;

const server = await preview({ preview: { port: PORT, strictPort: true, host: '127.0.0.1' } });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/?preset=fig2&train=2048&test=2000&batch=64&backend=wasm&points=${points}`);
  await page.waitForTimeout(8000); // data, backend, first frames
  const stepAt = async () => Number((await page.getByTestId('step').innerText()).split(' ')[0].replace(/,/g, ''));
  const from = await stepAt();
  await page.evaluate(() => { window.__longTasks = []; });
  await page.waitForTimeout(seconds * 1000);
  const tasks = await page.evaluate(() => window.__longTasks);
  const report = { seconds, points, heads: 4, panels: 8, steps: (await stepAt()) - from, longTasks: tasks, load: loadavg().map((v) => v.toFixed(2)) };
  console.log(JSON.stringify(report));
} finally {
  await browser.close();
  server.httpServer.close();
}
