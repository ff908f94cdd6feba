import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

test('loads all of MNIST, trains on the cpu backend until the loss falls, and plots the test digits', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open('?train=256&test=300&batch=32&backend=cpu&seed=1');
  await expect(page.getByTestId('loading')).toBeVisible();
  await expect(lab.field('dataset')).toContainText('60,000 train / 10,000 test digits', { timeout: 60_000 });
  await expect(lab.field('dataset')).toContainText('training on 256, testing on 300');
  await expect(lab.field('backend')).toHaveAttribute('data-backend', 'cpu');

  await expect(async () => {
    const loss = lab.field('loss');
    const running = Number(await loss.getAttribute('data-running'));
    const first = Number(await loss.getAttribute('data-first'));
    expect(running).toBeGreaterThan(0);
    expect(running).toBeLessThan(first);
  }).toPass({ timeout: 180_000, intervals: [1000] });

  expect(await lab.pointsDrawn()).toBeGreaterThan(50);
  expect(await lab.paintedPixels()).toBeGreaterThan(200);
  await expect(page.getByTestId('caption-test-0')).toContainText('of 300 test digits');
  await page.screenshot({ path: 'e2e-artifacts/training.png', fullPage: true });
});
