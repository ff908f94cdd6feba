import { CliError } from './errors.mjs';

/** The canvas the app draws the first head's test digits into; it gets data-points once a frame is drawn. */
const FIRST_PANEL = '[data-testid="scatter-test-0"][data-points]';
const TIMEOUT_MS = 300_000;

/**
 * Opens the real app in a fresh context (cold cache, as a first visit) and returns the time from
 * navigation start to the first drawn frame, by the page's own clock. The page is closed at once:
 * the app goes on training, which would slow the measurements that follow.
 */
export async function firstFrameMs(browser, baseUrl, query) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const url = `${baseUrl}/?${query}`;
    await page.goto(url);
    await page.waitForSelector(FIRST_PANEL, { state: 'attached', timeout: TIMEOUT_MS }).catch((e) => {
      throw new CliError(`the app at ${url} drew no frame within ${TIMEOUT_MS / 1000} s: ${e.message.split('\n')[0]}`);
    });
    const ms = await page.evaluate(() => performance.now());
    const backend = await page.getAttribute('[data-testid="backend"]', 'data-backend');
    return { url: `/?${query}`, ms, backend };
  } finally {
    await context.close();
  }
}
