import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

// Software WebGPU (SwiftShader) and WebGL take ~0.1 s per digit through the lite network, so the
// run is as small as the comparison allows: batch 4 and frames of four test digits and no train
// digits. Both must give wasm's losses. Three steps, so Adam and the running statistics act.
const RUN = 'arch=lite&train=256&test=4&batch=4&points=0&autoplay=0&seed=3&heads=softmax,icu';

async function threeSteps(lab: LabPage, backend: string) {
  await lab.open(`?${RUN}&backend=${backend}`);
  await expect(lab.field('backend')).toHaveAttribute('data-backend', backend, { timeout: 120_000 });
  await expect(lab.field('network')).toHaveAttribute('data-network', 'lite');
  // Neither GPU backend may train in 16-bit floats: the reason says which precision it got.
  if (backend !== 'wasm') await expect(lab.field('backend')).toHaveAttribute('title', /32-bit float/);
  return lab.stepParts(3, 180_000);
}

for (const backend of ['webgpu', 'webgl']) {
  test(`${backend} trains softmax and ICU three steps with wasm's losses (1e-3 relative)`, async ({ page }) => {
    test.setTimeout(600_000);
    const lab = new LabPage(page);
    const gpu = await threeSteps(lab, backend);
    const wasm = await threeSteps(lab, 'wasm');
    expect(gpu).toHaveLength(3);
    gpu.forEach((heads, step) =>
      heads.forEach((parts, head) => {
        for (const part of ['total', 'ce', 'reg'] as const) {
          const want = wasm[step]![head]![part];
          expect(
            Math.abs(parts[part] - want) / Math.max(Math.abs(want), 1e-6),
            `step ${step + 1}, head ${head}, ${part}`,
          ).toBeLessThan(1e-3);
        }
      }),
    );
    await expect(page.getByTestId('error')).toHaveCount(0);
  });
}
