import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../chromium.mjs';
import { CliError } from './errors.mjs';

/** Headless Chromium as the e2e suite drives it: the system binary, flags for a closed network. */
export async function launchChromium() {
  const executablePath = chromiumPath();
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (e) {
    const which = executablePath ?? "Playwright's own Chromium";
    throw new CliError(
      `cannot start ${which}: ${e.message.split('\n')[0]}\n` +
        'Install one with `node scripts/ensure-chromium.mjs` (or `apt-get install chromium`), or set CHROMIUM_PATH.',
    );
  }
}

/**
 * Opens the harness page; page errors go to `log`; `onProgress` receives the harness's progress
 * reports, `onCheckpoint` its checkpoints (epoch, step, run file in base64; the run waits for it).
 */
export async function openHarness(browser, baseUrl, { log, onProgress = () => {}, onCheckpoint }) {
  const page = await browser.newPage();
  // Each distinct message once: a failing backend can repeat one error in every thread it starts.
  const seen = new Set();
  const once = (m) => {
    if (!seen.has(m)) {
      seen.add(m);
      log(m);
    }
  };
  page.on('pageerror', (e) => once(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') once(`browser console: ${m.text()}`);
  });
  await page.exposeFunction('__icuProgress', onProgress);
  if (onCheckpoint) await page.exposeFunction('__icuCheckpoint', onCheckpoint);
  await page.goto(`${baseUrl}/harness.html`);
  await page
    .waitForFunction(() => 'icuHarness' in window, null, { timeout: 30_000 })
    .catch(() => {
      throw new CliError(`the harness page did not start at ${baseUrl}/harness.html (is dist/ built with it?)`);
    });
  return page;
}

/** Calls window.icuHarness[name](...args) in the page; a thrown error comes back as { error: { source, message } }. */
export function callHarness(page, name, ...args) {
  return page.evaluate(
    async ({ name, args }) => {
      try {
        return { value: await window.icuHarness[name](...args) };
      } catch (e) {
        return { error: { source: e?.source ?? e?.name ?? 'harness', message: e?.message ?? String(e) } };
      }
    },
    { name, args },
  );
}
