import { expect, test } from '@playwright/test';
import { LabPage, SMALL } from './lab';

const HEADS = [0, 1, 2, 3];
const SAMPLES = ['train', 'test'] as const;

test('the Fig. 2 preset compares four heads in a grid with linked zoom', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${SMALL}&autoplay=0`);
  await lab.waitForPoints(0, 'test');
  await page
    .getByRole('combobox', { name: 'preset' })
    .selectOption({ label: 'Fig. 2 (softmax · center · L-GM · ICU)' });
  await expect(page).toHaveURL(/heads=softmax%2Ccenter%2Clgm%2Cicu/);
  await expect(page).toHaveURL(/train=256/);
  await expect(page.getByRole('combobox', { name: 'loss head' })).toHaveValue('');
  for (const head of HEADS) for (const sample of SAMPLES) await lab.waitForPoints(head, sample);
  // Fig. 2's layout: a column per head, train above test.
  const boxes = await Promise.all(HEADS.map((h) => lab.canvas(h, 'train').boundingBox()));
  expect(boxes.map((b) => b!.y)).toEqual(Array(4).fill(boxes[0]!.y));
  expect((await lab.canvas(0, 'test').boundingBox())!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height);

  // A paused run's first frame is a slice of the samples; the fill that follows redraws every panel.
  for (const head of HEADS)
    for (const sample of SAMPLES) await expect.poll(() => lab.pointsDrawn(head, sample), { timeout: 60_000 }).toBe(200);
  const pictures = () =>
    Promise.all(
      HEADS.flatMap((h) => SAMPLES.map((s) => lab.canvas(h, s).evaluate((c: HTMLCanvasElement) => c.toDataURL()))),
    );
  const before = await pictures();
  const box = boxes[3]!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, -400);
  await expect(page).toHaveURL(/zoom=/);
  // Every panel zoomed with the one under the wheel.
  await expect.poll(async () => (await pictures()).filter((p, i) => p !== before[i]).length).toBe(8);
  await page.getByRole('button', { name: 'Reset zoom' }).click();
  await expect(page).not.toHaveURL(/zoom=/);
  await expect.poll(pictures).toEqual(before);
  await page.screenshot({ path: 'e2e-artifacts/lab-compare.png', fullPage: true });
});
