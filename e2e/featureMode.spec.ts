import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

test('switching the plotted feature mode redraws the plot and names the mode', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?head=lgm&train=64&test=80&batch=16&backend=wasm&points=80&autoplay=0');
  const caption = page.getByTestId('caption-test-0');
  await expect(caption).toContainText('inference-mode features', { timeout: 90_000 });
  const canvas = page.getByTestId('scatter-test-0');
  const picture = () => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const before = await picture();
  await page.getByRole('combobox', { name: 'plotted feature mode' }).selectOption('train');
  await expect(caption).toContainText('training-mode features (batch BN statistics)', { timeout: 60_000 });
  expect(await picture()).not.toBe(before);
  await expect(page).toHaveURL(/features=train/);
});
