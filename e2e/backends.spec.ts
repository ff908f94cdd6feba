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

test('the automatic choice passes over software GPUs for wasm and says why', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?train=64&test=100&batch=8&autoplay=0');
  // These machines have no GPU: WebGPU (SwiftShader, with --enable-unsafe-webgpu) and WebGL run in software.
  await expect(lab.field('backend')).toHaveAttribute('data-backend', 'wasm', { timeout: 90_000 });
  const reason = (await lab.field('backend').getAttribute('title')) ?? '';
  expect(reason).toMatch(/^automatic; webgpu: .*(software|no WebGPU adapter)/);
  expect(reason).toMatch(/wasm with SIMD/);
  // npm start serves COOP/COEP, so tfjs may load its threaded wasm binary.
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('training on the wasm backend lowers the loss quickly', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?train=512&test=200&batch=32&backend=wasm&points=200');
  const loss = lab.field('loss');
  await expect(async () => {
    const running = Number(await loss.getAttribute('data-running'));
    expect(running).toBeGreaterThan(0);
    expect(running).toBeLessThan(Number(await loss.getAttribute('data-first')));
  }).toPass({ timeout: 60_000, intervals: [500] });
  await expect(lab.field('step')).toContainText('samples/s');
});
