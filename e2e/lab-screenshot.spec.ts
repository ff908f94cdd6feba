import { expect, test, type Page } from '@playwright/test';
import { LabPage, SMALL } from './lab';

// The view at initialisation (autoplay=0): the first frame comes from the seeded initial weights,
// before any training step, so it is the same on every load.
const VIEW = `?heads=softmax,icu&${SMALL}&autoplay=0&sigmas=1,2`;

/** Opens the seeded view and waits until every panel has drawn. */
async function openView(page: Page): Promise<void> {
  const lab = new LabPage(page);
  await lab.open(VIEW);
  for (const head of [0, 1]) for (const sample of ['train', 'test'] as const) await lab.waitForPoints(head, sample);
}

/**
 * The method: a SHA-256 of what the panels draw (every canvas's pixels and the SVG overlays'
 * markup), compared between two separate page loads. Points and fields are our own pixel
 * buffers and the overlay's markup is text, not glyphs, so unlike a toHaveScreenshot baseline
 * this cannot drift with the machine's fonts or anti-aliasing; it fails when the view is not
 * reproducible from its URL.
 */
async function drawnHash(page: Page): Promise<string> {
  // Let a pending redraw land first (panels redraw on the next animation frame).
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  return page.locator('.figure-grid').evaluate(async (grid) => {
    const parts: BlobPart[] = [];
    for (const figure of Array.from(grid.querySelectorAll('figure.panel'))) {
      for (const c of Array.from(figure.querySelectorAll('canvas')))
        parts.push(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
      parts.push(figure.querySelector('svg')!.outerHTML);
    }
    const digest = await crypto.subtle.digest('SHA-256', await new Blob(parts).arrayBuffer());
    return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  });
}

test('a seeded view at initialisation draws the same picture on every load', async ({ page, browser }, testInfo) => {
  await openView(page);
  const first = await drawnHash(page);
  await testInfo.attach('view.png', {
    body: await page.locator('.figure-grid').screenshot(),
    contentType: 'image/png',
  });
  const other = await browser.newPage();
  await openView(other);
  expect(await drawnHash(other)).toBe(first);
  // The hash does see the view: one more σ level changes it.
  await other.getByRole('checkbox', { name: '3σ' }).check();
  expect(await drawnHash(other)).not.toBe(first);
  await other.close();
});
