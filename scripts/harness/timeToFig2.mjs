import { loadAverage } from './machine.mjs';

/** A visitor's window: the Fig. 2 preset's panels are laid out for it. */
const VIEWPORT = { width: 1440, height: 900 };
const POLL_MS = 1000;

/** Keeps main-thread tasks over 50 ms from the page's first script on (the Long Tasks API): start and duration, in seconds and ms. */
function countLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if (e.duration > 50) window.__longTasks.push({ at: e.startTime / 1000, ms: Math.round(e.duration) });
  }).observe({ type: 'longtask', buffered: true });
}

/** What the page shows now, by its own clock: step, and each panel's drawn points and drawn-sample accuracy. */
function readPage() {
  const panel = (sample, i) => document.querySelector(`[data-testid="scatter-${sample}-${i}"]`);
  const heads = [];
  for (let i = 0; panel('test', i); i++) {
    const test = panel('test', i),
      train = panel('train', i);
    heads.push({
      testPoints: test.dataset.points === undefined ? null : Number(test.dataset.points),
      trainPoints: train?.dataset.points === undefined ? null : Number(train.dataset.points),
      accuracy: test.dataset.accuracy === undefined ? null : Number(test.dataset.accuracy),
    });
  }
  const stepText = document.querySelector('[data-testid="step"]')?.textContent ?? '0';
  return {
    seconds: performance.now() / 1000,
    step: Number(stepText.split(' ')[0].replace(/,/g, '')) || 0,
    heads,
    backend: document.querySelector('[data-testid="backend"]')?.dataset.backend ?? null,
    network: document.querySelector('[data-testid="network"]')?.dataset.network ?? null,
    longTasks: window.__longTasks ?? [],
  };
}

const firstAt = (samples, ok) => samples.find(ok)?.seconds ?? null;
const round = (x, digits = 1) => (x === null ? null : Number(x.toFixed(digits)));

/**
 * Opens `?preset=fig2` (with `arch` and `backend` if given) as a first visit in a 1440×900 window
 * and watches it for up to `limitSeconds`, from navigation start: the first drawn frame, when each
 * head's accuracy on its drawn test digits first reaches 90 % and 95 %, the fewest points in any
 * panel after the first minute, steps per second, and main-thread tasks over 50 ms.
 */
export async function timeToFig2(browser, baseUrl, { arch, backend, limitSeconds, log }) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(countLongTasks);
    const query = new URLSearchParams({ preset: 'fig2', ...(arch ? { arch } : {}), ...(backend ? { backend } : {}) });
    const loadAtStart = loadAverage();
    await page.goto(`${baseUrl}/?${query}`);
    const samples = [];
    let last = null;
    for (;;) {
      last = await page.evaluate(readPage);
      if (last.heads.some((h) => h.testPoints !== null)) samples.push(last);
      const done =
        last.heads.length > 0 &&
        last.heads.every((_, i) => firstAt(samples, (s) => s.heads[i].accuracy >= 0.95) !== null);
      if (done || last.seconds >= limitSeconds) break;
      if (samples.length % 30 === 1)
        log(
          `${arch ?? 'auto'}: ${last.seconds.toFixed(0)} s, step ${last.step}, accuracy ${last.heads.map((h) => h.accuracy?.toFixed(3)).join(' ')}`,
        );
      await page.waitForTimeout(POLL_MS);
    }
    const heads = new URL(page.url()).searchParams.get('heads')?.split(',') ?? [];
    const first = samples[0] ?? null;
    const afterMinute = samples.filter((s) => s.seconds >= 60);
    // Loading the page (its script, the first layout) is apart from what training costs the page.
    const training = first ? last.longTasks.filter((t) => t.at >= first.seconds) : null;
    const points = (s) => Math.min(...s.heads.flatMap((h) => [h.testPoints ?? 0, h.trainPoints ?? 0]));
    return {
      arch: last.network,
      backend: last.backend,
      firstFrameSeconds: round(first?.seconds ?? null),
      stepsPerSecond:
        first && last.seconds > first.seconds
          ? round((last.step - first.step) / (last.seconds - first.seconds), 2)
          : null,
      heads: heads.map((head, i) => ({
        head,
        secondsTo90: round(firstAt(samples, (s) => s.heads[i]?.accuracy >= 0.9)),
        secondsTo95: round(firstAt(samples, (s) => s.heads[i]?.accuracy >= 0.95)),
      })),
      minPointsPerPanelAfter60s: afterMinute.length ? Math.min(...afterMinute.map(points)) : null,
      longTasks: last.longTasks.length,
      longTasksAfterFirstFrame: training?.length ?? null,
      longestTaskAfterFirstFrameMs: training ? Math.max(0, ...training.map((t) => t.ms)) : null,
      // When each came (seconds from navigation start) and the step then: to tell loading, the
      // first frame and an epoch's end apart from training.
      longTaskTimes: last.longTasks.map((t) => ({
        ...t,
        at: round(t.at),
        step: samples.findLast((s) => s.seconds <= t.at)?.step ?? 0,
      })),
      pointsOverTime: samples
        .filter((_, i) => i % 10 === 0)
        .map((s) => ({ seconds: round(s.seconds), step: s.step, minPoints: points(s) })),
      watchedSeconds: round(last.seconds),
      loadAtStart,
      loadAtEnd: loadAverage(),
    };
  } finally {
    await context.close();
  }
}

/** The benchmark's table: one row per network and head. */
export function timeToFig2Table(results) {
  const cell = (x) => (x === null ? '—' : String(x));
  const rows = results.flatMap((r) =>
    r.heads.map((h) => `| ${r.arch} (${r.backend}) | ${h.head} | ${cell(h.secondsTo90)} | ${cell(h.secondsTo95)} |`),
  );
  const summary = results.map(
    (r) =>
      `${r.arch}: first frame ${cell(r.firstFrameSeconds)} s, ${cell(r.stepsPerSecond)} steps/s, ` +
      `≥ ${cell(r.minPointsPerPanelAfter60s)} points per panel after 60 s, ${r.longTasks} long tasks (${cell(r.longTasksAfterFirstFrame)} after the first frame, longest ${cell(r.longestTaskAfterFirstFrameMs)} ms), watched ${r.watchedSeconds} s`,
  );
  return ['| network | head | s to 90 % | s to 95 % |', '|---|---|---|---|', ...rows, '', ...summary].join('\n');
}
