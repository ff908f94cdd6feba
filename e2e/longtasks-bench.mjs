// Main-thread long tasks while the lab trains Fig. 2: opens a built app (served by `vite preview`) at
// `?<query>` (default the visitor's `preset=fig2`, automatic backend) as a first visit in a 1440×900
// window, waits for the first drawn frame, and counts every task over 50 ms (PerformanceObserver
// 'longtask') and the longest during a window of training. Several builds (`--dist a,b`: e.g. main's
// and this branch's) are watched in turns, `--rounds` times, so they share the machine's load alike
// and their counts compare in one run. A benchmark, not a test: the counts depend on the load.
//
//   npx vite build && node e2e/longtasks-bench.mjs [--seconds 60] [--rounds 2] [--dist dist,../before/dist] [--query 'preset=fig2']
import { chromium } from '@playwright/test';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const flag = (name, fallback) =>
  process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback;
const count = (name, fallback) => {
  const n = Number(flag(name, fallback));
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} ${flag(name, fallback)}: expected a whole number ≥ 1`);
  return n;
};
const seconds = count('seconds', 60),
  rounds = count('rounds', 1),
  query = flag('query', 'preset=fig2');
const dists = flag('dist', 'dist').split(',');
/** Ports of the builds' preview servers: E2E_PORT and up, so parallel runs on one machine stay apart. */
const PORT = Number(process.env.E2E_PORT) || 4182;
/** The first drawn frame can take a minute on a loaded CPU (every panel's digits embedded whole). */
const FIRST_FRAME_MS = 180_000;

const load = () => loadavg().map((v) => Number(v.toFixed(2)));

/** Collects long tasks from the page's first script on; the window starts when `__resetLongTasks` is called. */
function observeLongTasks() {
  window.__longTasks = [];
  window.__resetLongTasks = () => {
    window.__longTasks = [];
  };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.duration > 50) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
}

/** Long tasks of one build during `seconds` of training after its first drawn frame (and those before it). */
async function measure(browser, dist, url) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    await page.addInitScript(observeLongTasks);
    await page.goto(`${url}/?${query}`);
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="scatter-test-0"]')?.dataset.points) > 0,
      null,
      { timeout: FIRST_FRAME_MS, polling: 500 },
    );
    const stepAt = async () => Number((await page.getByTestId('step').innerText()).split(' ')[0].replace(/,/g, ''));
    const beforeWindow = await page.evaluate(() => window.__longTasks.length);
    const [from, loadAtStart] = [await stepAt(), load()];
    await page.evaluate(() => window.__resetLongTasks());
    await page.waitForTimeout(seconds * 1000);
    const tasks = await page.evaluate(() => window.__longTasks);
    return {
      dist,
      query,
      seconds,
      steps: (await stepAt()) - from,
      longTasks: tasks.length,
      longestMs: Math.max(0, ...tasks),
      over100: tasks.filter((t) => t > 100).length,
      longTasksBeforeFirstFrame: beforeWindow,
      loadAtStart,
      loadAtEnd: load(),
    };
  } finally {
    await context.close();
  }
}

const servers = await Promise.all(
  dists.map((dist, i) =>
    preview({
      logLevel: 'warn',
      build: { outDir: resolve(dist) },
      preview: { port: PORT + i, strictPort: true, host: '127.0.0.1' },
    }),
  ),
);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  for (let r = 0; r < rounds; r++) {
    for (const [i, dist] of dists.entries())
      console.log(JSON.stringify({ round: r + 1, ...(await measure(browser, dist, `http://127.0.0.1:${PORT + i}`)) }));
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
