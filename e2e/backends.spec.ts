import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

test('a forced ?backend=webgpu run reports webgpu and its adapter', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?train=64&test=100&batch=8&backend=webgpu&points=50&autoplay=0');
  await expect(lab.field('backend')).toHaveAttribute('data-backend', 'webgpu', { timeout: 90_000 });
  await expect(page.getByTestId('error')).toHaveCount(0);
  // The first frame is computed on WebGPU before any training step.
  await expect.poll(() => lab.pointsDrawn(), { timeout: 90_000 }).toBeGreaterThan(0);
});

test('the automatic choice says which backend it took and why', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?train=64&test=100&batch=8&autoplay=0');
  await expect(lab.field('backend')).toHaveAttribute('data-backend', /^(webgpu|webgl|cpu)$/, { timeout: 90_000 });
  await expect(lab.field('backend')).toHaveAttribute('title', /^automatic/);
});
