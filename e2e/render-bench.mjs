// Rendering benchmark: median redraw time of 70,000 points with ellipses, decision field and
// boundaries (the lab's PanelRenderer) against a naive d3 SVG scatter of the same points, in one
// headless Chromium run. Writes docs/rendering-performance.md.
//
//   node e2e/render-bench.mjs [--loads 3]
//
// It serves e2e/render-bench/ with Vite's dev server (the page imports the app's own modules).
import { chromium } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const PORT = 4181;
const loads = Number(process.argv[process.argv.indexOf('--loads') + 1]) || 3;

/** One page load of the benchmark: its result, or the page's error. */
async function measure(browser) {
  const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  await page.goto(`http://127.0.0.1:${PORT}/e2e/render-bench/index.html`);
  const handle = await page.waitForFunction(() => window.benchResult ?? window.benchError, null, {
    timeout: 600_000,
    polling: 500,
  });
  const result = await handle.jsonValue();
  await page.close();
  if (typeof result === 'string') throw new Error(result);
  return result;
}

const ms = (v) => v.toFixed(1);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** The timing table: one row per page load, then the medians and the ratio. */
function timingTable(results) {
  const med = (k, part) => median(results.map((r) => r[k][part]));
  const row = (label, p, s) =>
    `| ${label} | ${ms(p.script)} | ${ms(p.total)} | ${ms(s.script)} | ${ms(s.total)} | ${(s.total / p.total).toFixed(0)}× |`;
  const medians = (k) => ({ script: med(k, 'script'), total: med(k, 'total') });
  return [
    '| page load | panel script (ms) | panel total (ms) | d3 SVG script (ms) | d3 SVG total (ms) | SVG / panel (total) |',
    '|---|---|---|---|---|---|',
    ...results.map((r, i) => row(String(i + 1), r.panel, r.svg)),
    row('**median**', medians('panel'), medians('svg')),
  ].join('\n');
}

/** The report: method, machine, timings, where the panel's time goes, and the ratio. */
function report(results, version) {
  const r0 = results[0],
    panel = median(results.map((r) => r.panel.total)),
    svg = median(results.map((r) => r.svg.total));
  const parts = Object.entries(r0.parts)
    .map(([k, v]) => `| ${k} | ${v.toFixed(2)} |`)
    .join('\n');
  return `# Rendering performance

Median main-thread time to redraw one embedding panel of **${r0.points.toLocaleString('en-US')} points**
(${r0.size} × ${r0.size} CSS px, device pixel ratio ${r0.dpr}) when a new frame arrives, in headless
Chromium ${version}, measured by \`node e2e/render-bench.mjs\` on ${new Date().toISOString().slice(0, 10)}.

- **lab panel**: the app's \`PanelRenderer\` (src/components/fig/panelRenderer.ts) with everything on —
  the decision field (128 × 128 cells classified by ICU's rule), the boundaries, learned and empirical
  ellipses at 1σ and 2σ with class means — points as one pixel buffer on a canvas, vectors in SVG.
- **d3 SVG scatter**: the naive way, one \`<circle>\` per point joined with d3, \`cx\`/\`cy\` updated on
  each redraw; points only (no field, boundaries or ellipses).

Each redraw starts inside an animation frame with the next frame's data (two synthetic ICU frames of
the same digits alternate, so every redraw recomputes everything) and is timed until the first task
after that frame's rendering: *script* is our code alone, *total* adds the browser's style, layout
and paint. Rasterisation on the compositor's threads is not included (it would add more to the SVG).
${r0.panel.runs} timed redraws of the panel and ${r0.svg.runs} of the SVG per page load, after 5 untimed ones.

Machine: ${cpus().length} cores, no GPU (software compositing), shared with other work, so the
absolute numbers are noisy; the ratio is the point.

${timingTable(results)}

Where the panel's script time goes (first page load; each pure step timed alone, median of 30):

| step | ms |
|---|---|
${parts}

The rest of *script* is putting the two pixel buffers on their canvases and parsing the overlay's
markup. The gap to *total* is the browser's paint: in a one-off comparison (the same redraw with the
ellipses off) most of it was painting the overlay's dashed, haloed ellipses.

The lab redraws 70,000 points with field, boundaries and ellipses in about ${ms(panel)} ms of main-thread
time, ${(svg / panel).toFixed(0)} times faster than the naive SVG scatter draws the points alone.
`;
}

const server = await createServer({
  server: { port: PORT, strictPort: true, host: '127.0.0.1' },
  optimizeDeps: { include: ['d3'] },
  logLevel: 'warn',
});
await server.listen();
const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
try {
  const results = [];
  for (let i = 0; i < loads; i++) {
    results.push(await measure(browser));
    const r = results[i];
    console.log(
      `load ${i + 1}: panel ${ms(r.panel.total)} ms (script ${ms(r.panel.script)}), d3 SVG ${ms(r.svg.total)} ms (script ${ms(r.svg.script)})`,
    );
  }
  await writeFile(new URL('../docs/rendering-performance.md', import.meta.url), report(results, browser.version()));
  console.log('wrote docs/rendering-performance.md');
} finally {
  await browser.close();
  await server.close();
}
