import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

const HEADS = [0, 1, 2, 3];
const SAMPLES = ['train', 'test'] as const;

/** Fig. 2 on wasm with 2,000 drawn digits per panel; 512 steps an epoch, so the panels fill well before the first evaluation. */
const DENSE = '?preset=fig2&train=16384&test=2500&points=2000&batch=32&backend=wasm';

test('Fig. 2 on a CPU: panels that fill to 2,000 digits, refreshed progressively, accuracy before the first epoch, panels ≥ 300 px', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const lab = new LabPage(page);
  await lab.open(DENSE);
  // The first frame embeds a slice of each sample; the panels grow by slices to their 2,000 digits.
  for (const head of HEADS)
    for (const sample of SAMPLES) {
      await expect.poll(() => lab.pointsDrawn(head, sample), { timeout: 180_000 }).toBeGreaterThanOrEqual(2000);
    }
  await expect(page.getByTestId('caption-test-3')).toContainText('2,000 of 2,500 test digits, embedded at step');
  await expect(page.getByTestId('caption-train-0')).toContainText('2,000 of 16,384 train digits, embedded at step');

  // Before the first evaluation, the status line scores each head on the drawn test digits, as a sample.
  await expect
    .poll(
      async () => {
        const field = lab.field('accuracy');
        return { evaluated: await field.getAttribute('data-accuracy'), text: await field.innerText() };
      },
      { timeout: 60_000 },
    )
    .toMatchObject({ evaluated: '', text: expect.stringMatching(/icu ≈ \d+\.\d % on 2,000 drawn test digits/) });
  await expect(page.getByRole('article', { name: 'accuracy over steps' })).toContainText(
    'dotted on 2,000 drawn test digits',
  );

  // Later frames re-embed a slice: the panels stay full while their digits come from a range of steps.
  await expect
    .poll(() => page.getByTestId('caption-test-0').innerText(), { timeout: 120_000 })
    .toMatch(/embedded at steps \d+–\d+/);
  for (const head of HEADS) expect(await lab.pointsDrawn(head, 'test')).toBeGreaterThanOrEqual(2000);

  // The recording's first frame, at step 0, was one slice of each sample: training began at once.
  const timeline = lab.timeline();
  await timeline.focus();
  await timeline.press('Home');
  for (const head of HEADS)
    for (const sample of SAMPLES) {
      await expect.poll(() => lab.canvas(head, sample).getAttribute('data-step')).toBe('0');
      expect(await lab.pointsDrawn(head, sample)).toBe(128);
    }
  await expect(page.getByTestId('caption-test-0')).toContainText('128 of 2,500 test digits, embedded at step 0');
  await page.getByRole('button', { name: 'Live', exact: true }).click();
  await expect.poll(() => lab.pointsDrawn(0, 'test')).toBeGreaterThanOrEqual(2000);

  // Fig. 2's layout spans the window: four test panels of at least 300 px, side by side.
  const boxes = await Promise.all(HEADS.map((h) => page.getByTestId(`panel-test-${h}`).boundingBox()));
  for (const box of boxes) expect(box!.width).toBeGreaterThanOrEqual(300);
  expect(new Set(boxes.map((b) => b!.y)).size).toBe(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1440);
  await page.screenshot({ path: 'e2e-artifacts/lab-dense.png' });
});
