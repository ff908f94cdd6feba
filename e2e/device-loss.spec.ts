import { expect, test, type Page, type Worker } from '@playwright/test';
import { LabPage } from './lab';

// Software WebGPU (SwiftShader) takes ~0.1 s per digit through the lite network: batch 4, frames
// of four test digits and no train digits, paused, so each story steps by hand and a restarted run
// stays paused.
const RUN = 'arch=lite&train=64&test=4&batch=4&points=0&autoplay=0&seed=3';

/** The training worker (wasm's thread workers run other scripts). */
async function trainer(page: Page): Promise<Worker> {
  const find = () => page.workers().filter((w) => /\/assets\/main-[^/]*\.js$/.test(w.url()));
  // A replaced worker leaves the list once terminated.
  await expect.poll(() => find().length, { timeout: 30_000 }).toBe(1);
  return find()[0]!;
}

/** Destroys the current worker's WebGPU device through the 'loseDevice' test hook (docs/trainer.md): the device's `lost` promise resolves. */
async function loseDevice(page: Page): Promise<void> {
  const worker = await trainer(page);
  await worker.evaluate(() =>
    (self as unknown as { onmessage: (e: { data: unknown }) => void }).onmessage({ data: { type: 'loseDevice' } }),
  );
}

/** Dismisses every notice, so that the next one of the same text can be waited for. */
async function dismissNotices(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: /^Dismiss: / });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

/** Clicks Step and waits until the status line shows step `to`. */
async function stepTo(lab: LabPage, to: number): Promise<void> {
  await expect(lab.page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 120_000 });
  await lab.page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(() => lab.step(), { timeout: 180_000 }).toBe(to);
}

/**
 * Steps a paused run resumed from step `from` one step past the step the status line still shows
 * from before the restart: the steps queue in the worker, so reaching it proves the run went on
 * from `from`.
 */
async function stepPast(lab: LabPage, from: number): Promise<void> {
  const shown = await lab.step();
  expect(from).toBeLessThanOrEqual(shown);
  const step = lab.page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled({ timeout: 120_000 });
  for (let i = from; i <= shown; i++) await step.click();
  await expect.poll(() => lab.step(), { timeout: 240_000 }).toBe(shown + 1);
}

/** The step the run resumed from, as the recovery notice says it. */
async function resumedFrom(page: Page): Promise<number> {
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText(/resumed from step \d+/, { timeout: 60_000 });
  return Number(/resumed from step (\d+)/.exec(await notices.innerText())![1]);
}

test('a forced WebGPU run whose device is lost resumes on a fresh WebGPU device; when that fails too, it stops and offers wasm', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&backend=webgpu`);
  const backend = lab.field('backend');
  await expect(backend).toHaveAttribute('data-backend', 'webgpu', { timeout: 120_000 });
  // The status line names the adapter and says it is a software one.
  await expect(backend).toHaveAttribute('data-hardware-gpu', 'false');
  await expect(backend).toContainText(/webgpu \(google swiftshader.* · software, no GPU\)/);
  await stepTo(lab, 1);
  await stepTo(lab, 2);

  await loseDevice(page);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('the webgpu device was lost (destroyed', { timeout: 60_000 });
  await expect(notices).toContainText('trying a fresh webgpu device');
  await expect(notices).toContainText('Resumed on webgpu (google swiftshader', { timeout: 120_000 });
  await stepPast(lab, await resumedFrom(page));

  // The resumed run trained on its fresh device; its next loss is a new one, retried the same way.
  await dismissNotices(page);
  await loseDevice(page);
  await expect(notices).toContainText('Resumed on webgpu', { timeout: 120_000 });
  // Lost again before it trained a step: the retry failed, and a forced backend is not switched silently.
  await loseDevice(page);
  const error = page.getByTestId('error');
  await expect(error).toContainText('The GPU device was lost', { timeout: 60_000 });
  await expect(error).toContainText(
    'after a retry on a fresh device. webgpu was forced (?backend=webgpu), so the run stopped here instead of switching',
  );
  await expect(backend).toHaveAttribute('data-backend', 'webgpu');
  const snapshotStep = Number(/go on from step (\d+)/.exec(await error.innerText())![1]);

  await error.getByRole('button', { name: 'Switch to wasm' }).click();
  await expect(error).toHaveCount(0);
  await expect(backend).toHaveAttribute('data-backend', 'wasm', { timeout: 120_000 });
  await expect(page).toHaveURL(/backend=wasm/);
  await stepPast(lab, snapshotStep);
});

test('an automatic choice retries a lost device on the same backend first, then moves to the next backend', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // This machine's only WebGPU adapter is software, which the automatic choice passes over: the
  // story plays a machine with a hardware GPU by having the worker's adapter deny being a fallback.
  await page.route(/\/assets\/main-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    const hardware =
      "for (const C of [self.GPUAdapterInfo, self.GPUAdapter]) if (C && 'isFallbackAdapter' in C.prototype) Object.defineProperty(C.prototype, 'isFallbackAdapter', { get: () => false });\n";
    await route.fulfill({ response, body: hardware + (await response.text()) });
  });
  const lab = new LabPage(page);
  await lab.open(`?${RUN}`);
  const backend = lab.field('backend');
  await expect(backend).toHaveAttribute('data-backend', 'webgpu', { timeout: 120_000 });
  await expect(backend).toHaveAttribute('data-hardware-gpu', 'true');
  await stepTo(lab, 1);

  await loseDevice(page);
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('trying a fresh webgpu device', { timeout: 60_000 });
  await expect(notices).toContainText('Resumed on webgpu', { timeout: 120_000 });
  // The fresh device is lost before the resumed run trained: the automatic choice moves on.
  await loseDevice(page);
  await expect(notices).toContainText('after a retry; moving to the next backend', { timeout: 60_000 });
  await expect(notices).toContainText('Resumed on wasm after the device loss.', { timeout: 120_000 });
  await expect(backend).toHaveAttribute('data-backend', 'wasm');
  await expect(backend).toHaveAttribute('title', /webgpu lost its device/);
  await stepPast(lab, await resumedFrom(page));
  await expect(page.getByTestId('error')).toHaveCount(0);
  // An automatic choice keeps the URL's backend: auto.
  await expect(page).not.toHaveURL(/backend=/);
});
