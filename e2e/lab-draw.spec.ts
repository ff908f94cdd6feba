import { expect, test } from '@playwright/test';
import { LabPage, SMALL } from './lab';

test('draw a digit: a stroke on the pad is marked in every panel, and each head predicts it in the readout', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,icu&${SMALL}`);
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test', 120_000);
  const pad = page.getByRole('img', { name: 'draw a digit' });
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  // A "1": one vertical stroke down the middle of the pad, in small moves as a hand draws it.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.07 * i));
  await page.mouse.up();

  const readout = page.getByRole('region', { name: 'drawn digit prediction' });
  await expect(readout.locator('tr[data-predicted]')).toHaveCount(2, { timeout: 60_000 });
  await expect(readout).toContainText('Softmax');
  await expect(readout).toContainText('ICU: distance d');
  for (const head of [0, 1])
    for (const sample of ['train', 'test'])
      await expect(page.getByTestId(`panel-${sample}-${head}`).locator('[data-drawn-digit]')).toHaveCount(1);

  // The marker follows the networks as they train: the digit is embedded again at later steps.
  const first = Number(await readout.getAttribute('data-step'));
  await expect
    .poll(async () => Number(await readout.getAttribute('data-step')), { timeout: 60_000 })
    .toBeGreaterThan(first);

  await page.screenshot({ path: 'e2e-artifacts/lab-draw.png', fullPage: true });
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(readout.locator('tr[data-predicted]')).toHaveCount(0);
  await expect(page.getByTestId('panel-test-0').locator('[data-drawn-digit]')).toHaveCount(0);
});
