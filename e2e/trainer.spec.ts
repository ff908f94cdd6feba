import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

const SMALL = 'train=128&test=60&batch=16&backend=wasm&points=40';

test('changing alpha while ICU trains applies at the next step without a reset', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}`);
  await lab.waitForSteps(2, 120_000);
  const alpha = page.getByRole('textbox', { name: 'alpha (icu) value' });
  await alpha.fill('0.5');
  await alpha.press('Enter');
  await expect(page).toHaveURL(/icu\.alpha=0\.5/);
  const stepAtChange = await lab.step();
  await expect(async () => {
    const hyper = JSON.parse((await lab.field('loss').getAttribute('data-hyper')) || '{}') as { alpha?: number };
    expect(hyper.alpha).toBe(0.5);
  }).toPass({ timeout: 120_000 });
  // Training goes on under the new α: poll, since a loaded machine may not have stepped yet.
  await lab.waitForSteps(stepAtChange + 1, 120_000);
  await expect(page.getByTestId('negative-share-icu')).toContainText(/true-class distance d < 0 for \d+\.\d %/);
});

test('a typed hyper-parameter outside its range is corrected with a message, never sent as typed', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}&autoplay=0`);
  await expect(lab.field('dataset')).toContainText('training on 128', { timeout: 60_000 });
  const gamma = page.getByRole('textbox', { name: 'gamma (icu) value' });
  await gamma.fill('1000');
  await gamma.press('Enter');
  await expect(page.getByTestId('notices')).toContainText(
    'gamma (icu) 1000 is out of range (0 or 0.000001–10); using 10',
  );
  await expect(page).toHaveURL(/icu\.gamma=10(&|$)/);
});

test('compare mode trains three heads side by side and draws a frame for each', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,lgm,icu&${SMALL}`);
  for (const head of [0, 1, 2]) {
    await expect.poll(() => lab.pointsDrawn(head, 'test'), { timeout: 120_000 }).toBeGreaterThan(0);
    await expect.poll(() => lab.pointsDrawn(head, 'train'), { timeout: 120_000 }).toBeGreaterThan(0);
  }
  await lab.waitForSteps(1, 120_000);
  await expect(lab.field('loss')).toContainText('softmax');
  await expect(lab.field('loss')).toContainText('lgm');
  await expect(lab.field('loss')).toContainText('icu');
});
