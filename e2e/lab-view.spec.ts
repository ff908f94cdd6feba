import { expect, test } from '@playwright/test';
import { LabPage, SMALL } from './lab';

test('opening the lab shows points, ellipses and boundaries, and the view toggles redraw them', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}&autoplay=0`);
  for (const sample of ['train', 'test'] as const) await lab.waitForPoints(0, sample);
  // ICU at 2σ: ten learned and ten empirical ellipses, and the argmin-d boundaries.
  await expect.poll(() => lab.overlays(0, 'test')).toEqual({ ellipses: 20, boundaries: true });
  // A run waiting for Play shows its samples whole, not the first frame's slice of 128.
  await expect(page.getByTestId('caption-test-0')).toContainText('200 of 200 test digits');
  await expect(page.getByTestId('caption-train-0')).toContainText('200 of 256 train digits');
  await expect.poll(() => lab.pointsDrawn(0, 'test')).toBe(200);

  await page.getByRole('checkbox', { name: 'boundaries' }).uncheck();
  await page.getByRole('checkbox', { name: '1σ' }).check();
  await expect.poll(() => lab.overlays(0, 'test')).toEqual({ ellipses: 40, boundaries: false });
  await expect(page).toHaveURL(/boundaries=0/);
  await expect(page).toHaveURL(/sigmas=1%2C2/);

  const all = await lab.pointsDrawn(0, 'test');
  await page.getByRole('checkbox', { name: 'show only misclassified' }).check();
  await expect.poll(() => lab.pointsDrawn(0, 'test')).toBeLessThan(all);
  await page.getByRole('textbox', { name: 'points per panel value' }).fill('50');
  await page.getByRole('textbox', { name: 'points per panel value' }).press('Enter');
  await expect(page.getByTestId('caption-test-0')).toContainText('50 of 200 test digits');
});

test('hovering a point shows its card: the digit image, true and predicted class, and d_k', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}&autoplay=0`);
  await lab.waitForPoints(0, 'test');
  await lab.hoverPoint(0, 'test');
  const card = page.getByTestId('hover-card');
  await expect(card).toHaveAttribute('data-image', 'loaded', { timeout: 30_000 });
  await expect(card.getByRole('tooltip')).toContainText('true');
  await expect(card.getByRole('tooltip')).toContainText('predicted');
  await expect(card.getByRole('table', { name: 'distance d_k to each class' }).getByRole('row')).toHaveCount(10);
  // The digit's 28×28 image: ink and background both present.
  const shades = await card.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
    return new Set(Array.from({ length: 784 }, (_, i) => d[4 * i])).size;
  });
  expect(shades).toBeGreaterThan(10);
  await page.screenshot({ path: 'e2e-artifacts/lab-hover.png' });
  await page.mouse.move(2, 2);
  await expect(card).toHaveCount(0);
});

test('a confusion-matrix cell highlights its digits in the panels', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}`);
  const matrix = page.getByRole('group', { name: 'ICU confusion matrix' });
  await expect(matrix).toBeVisible({ timeout: 90_000 });
  await expect(page.getByLabel('ICU charts')).toContainText(/Evaluated at step \d+ \(end of epoch 1\)/);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const cell = matrix.getByRole('button').first();
  const [, truth, predicted] = /true (\d), predicted (\d)/.exec((await cell.getAttribute('aria-label'))!)!;
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`cell=0%3A${truth}%3A${predicted}`));
  // In full colour: exactly the drawn test digits the panel's frame puts in that cell. The matrix
  // is the epoch's evaluation and the frame is later, so the drawn data (CSV) is what to count.
  const inCell = async () => {
    const rows = (await lab.download('Export CSV')).bytes.toString('utf8').trimEnd().split('\n').slice(1);
    return rows.filter((r) => {
      const [, , sample, , label, prediction] = r.split(',');
      return sample === 'test' && label === truth && prediction === predicted;
    }).length;
  };
  await expect.poll(async () => (await lab.pointsDrawn(0, 'test')) - (await inCell())).toBe(0);
  await cell.click();
  await expect(page).not.toHaveURL(/cell=/);
});

test('on a phone-sized screen the panels stack and nothing overflows sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,icu&${SMALL}&autoplay=0`);
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test');
  const xs = await Promise.all(
    [0, 1].flatMap((h) => (['train', 'test'] as const).map(async (s) => (await lab.canvas(h, s).boundingBox())!.x)),
  );
  expect(new Set(xs).size).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
