import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

/** A small wasm run, paused: each story steps it. */
const RUN = 'train=256&test=100&batch=32&backend=wasm&points=50&autoplay=0';

test('a forced ?backend=webgpu run reports webgpu and its adapter', async ({ page }) => {
  const lab = new LabPage(page);
  // Tiny frames: software WebGPU takes ~0.1 s per digit.
  await lab.open('?train=64&test=4&batch=4&backend=webgpu&points=0&autoplay=0');
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

/** Steps a paused run `n` times and returns the total loss each step reported (full float precision). */
async function stepLosses(lab: LabPage, n: number): Promise<number[]> {
  return (await lab.stepParts(n)).map((heads) => heads[0]!.total);
}

test('wasm runs a thread per logical core, and the thread count changes speed, not numbers', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${RUN}`);
  const cores = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency));
  await expect(lab.field('backend')).toHaveAttribute('title', new RegExp(`wasm with SIMD, ${cores} threads?$`), {
    timeout: 90_000,
  });
  const auto = await stepLosses(lab, 3);

  await lab.open(`?${RUN}&threads=1`);
  await expect(lab.field('backend')).toHaveAttribute('title', /wasm with SIMD, 1 thread$/, { timeout: 90_000 });
  const single = await stepLosses(lab, 3);
  expect(auto.every(Number.isFinite)).toBe(true);
  // XNNPACK splits each kernel's output between threads; every sum keeps its order, so the runs agree to the bit.
  expect(auto).toEqual(single);
});

test('on wasm a compare run trains half its heads in a helper worker, each head exactly as it trains alone', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&heads=softmax,icu`);
  await expect(lab.field('backend')).toHaveAttribute(
    'title',
    /; heads split between two workers \(the helper: wasm with SIMD, 1 thread\)$/,
    { timeout: 90_000 },
  );
  // ICU is the helper's head: its panel fills from the helper's frames.
  await lab.waitForPoints(1, 'test', 90_000);
  const split = (await lab.stepParts(3)).map((heads) => heads[1]!.total);
  // The helper is the trainer's own bundle under another name: a visit downloads tfjs's bundle once.
  const workers = page.workers();
  const names = await Promise.all(workers.map((w) => w.evaluate(() => self.name)));
  expect(names.toSorted()).toEqual(['trainer', 'trainer-helper']);
  expect(new Set(workers.map((w) => w.url())).size).toBe(1);

  await lab.open(`?${RUN}&head=icu`);
  await expect(lab.field('backend')).toHaveAttribute('title', /wasm with SIMD, \d threads?$/, { timeout: 90_000 });
  const alone = (await lab.stepParts(3)).map((heads) => heads[0]!.total);
  expect(split.every(Number.isFinite)).toBe(true);
  // A head draws from its own seed and trains on the run's batches, wherever it trains.
  expect(split).toEqual(alone);
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('Fig. 2 picked after a one-head run on wasm starts in a fresh worker, one thread here and one in the helper; one head again takes them all', async ({
  page,
}) => {
  // wasm takes its threads once per worker: without a fresh worker, Fig. 2 would run two threads here beside the helper's.
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&head=icu`);
  const cores = await page.evaluate(() => Math.min(8, navigator.hardwareConcurrency));
  const alone = new RegExp(`wasm with SIMD, ${cores} threads?$`);
  await expect(lab.field('backend')).toHaveAttribute('title', alone, { timeout: 90_000 });
  await page.getByRole('combobox', { name: 'preset' }).selectOption('fig2');
  await expect(lab.field('backend')).toHaveAttribute(
    'title',
    /wasm with SIMD, 1 thread; heads split between two workers \(the helper: wasm with SIMD, 1 thread\)$/,
    { timeout: 90_000 },
  );
  const [fig2] = await lab.stepParts(1, 90_000);
  expect(fig2!.map((head) => Number.isFinite(head.total))).toEqual([true, true, true, true]);
  // The preset asks before it ends the run under way, naming the step it reads at the pick.
  const asked = new Promise<string>((resolve) =>
    page.once('dialog', (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    }),
  );
  await page.getByRole('combobox', { name: 'preset' }).selectOption('margins');
  expect(await asked).toMatch(/The current run \(step [1-9][\d,]*\) ends\.$/);
  await expect(lab.field('backend')).toHaveAttribute('title', alone, { timeout: 90_000 });
  const [margins] = await lab.stepParts(1, 90_000);
  expect(margins!.map((head) => Number.isFinite(head.total))).toEqual([true]);
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('a helper worker that cannot load leaves a compare run to one worker, which trains both heads and says why', async ({
  context,
  page,
}) => {
  // The helper's script is missing, as from a host that failed to serve one file: the trainer
  // worker starts its helper from a URL the server does not have. (Routes do not reach requests of
  // a worker's own workers, so the trainer's bundle, which starts the helper from its own URL, is
  // rewritten on its way.)
  await context.route(/\/assets\/main-[^/]*\.js$/, async (route) => {
    const response = await route.fetch();
    const body = await response.text();
    const missing = body.replace(
      'new Worker(import.meta.url,',
      'new Worker(new URL("missing-helper.js", import.meta.url),',
    );
    await route.fulfill({ response, body: missing });
  });
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&heads=softmax,icu`);
  await expect(lab.field('backend')).toHaveAttribute(
    'title',
    /wasm with SIMD, \d threads?; one worker: the helper worker did not start \(.+\)$/,
    { timeout: 90_000 },
  );
  await lab.waitForPoints(1, 'test', 90_000);
  const steps = await lab.stepParts(2);
  expect(steps.map((heads) => heads.length)).toEqual([2, 2]);
  expect(steps.flat().every((head) => Number.isFinite(head.total))).toBe(true);
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('a helper worker that crashes mid-run fails its next request as a training error, and Resume goes on from the last snapshot', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&heads=softmax,icu`);
  await expect(lab.field('backend')).toHaveAttribute('title', /heads split between two workers/, { timeout: 90_000 });
  await lab.stepParts(2, 90_000);
  // The helper runs the trainer's bundle under its own name.
  const workers = page.workers();
  const names = await Promise.all(workers.map((w) => w.evaluate(() => self.name)));
  const helper = workers[names.indexOf('trainer-helper')];
  if (!helper) throw new Error(`no helper worker among ${names.join(', ')}`);
  await helper.evaluate(() => {
    setTimeout(() => {
      throw new Error('killed by the test');
    });
  });
  // The crash fails the helper's next request: a frame already on its way, or else the next step.
  const error = page.getByTestId('error'),
    step = page.getByRole('button', { name: 'Step', exact: true });
  await expect(async () => {
    if (await step.isEnabled()) await step.click({ timeout: 1000 }).catch(() => undefined);
    await expect(error).toContainText('the helper worker crashed', { timeout: 1000 });
  }).toPass({ timeout: 90_000, intervals: [1000] });
  await error.getByRole('button', { name: /^Resume from step \d+$/ }).click();
  await expect(error).toHaveCount(0);
  await expect(lab.field('backend')).toHaveAttribute('title', /heads split between two workers/, { timeout: 90_000 });
  const [after] = await lab.stepParts(1, 90_000);
  expect(after!.map((head) => Number.isFinite(head.total))).toEqual([true, true]);
});

test('without cross-origin isolation wasm falls back to one thread and still trains', async ({ page }) => {
  // Serve the page as a host without COOP/COEP headers would: no SharedArrayBuffer, so no wasm threads.
  await page.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    },
  );
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&threads=2`);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(false);
  await expect(lab.field('backend')).toHaveAttribute('title', /wasm with SIMD, 1 thread$/, { timeout: 90_000 });
  const losses = await stepLosses(lab, 2);
  expect(losses.every((l) => Number.isFinite(l) && l > 0)).toBe(true);
});
