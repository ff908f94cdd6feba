import { expect, test, type Page } from '@playwright/test';
import { LabPage, SMALL } from './lab';

// Paused (autoplay=0) so the steps are taken by hand and the losses compared step for step.
const URL = `?${SMALL}&head=icu&seed=5&autoplay=0`;

type Parts = { total: number; ce: number; reg: number }[];

/** Opens the lab paused and waits until a Step can be taken. */
async function openPaused(page: Page, query = URL): Promise<LabPage> {
  const lab = new LabPage(page);
  await lab.open(query);
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 120_000 });
  return lab;
}

/** Waits until the saved-runs list holds a run at `step` (the autosave has written it). */
async function waitForSaved(page: Page, step: number): Promise<void> {
  await expect(page.getByRole('region', { name: 'run files' }).getByText(new RegExp(`step ${step}\\b`))).toBeAttached({
    timeout: 60_000,
  });
}

/** Opens a file through the Open run button's file chooser. */
async function openRunFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Open run', exact: true }).click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/octet-stream', buffer });
}

function expectSameParts(a: Parts, b: Parts): void {
  expect(a).toHaveLength(b.length);
  a.forEach((p, i) => {
    for (const k of ['total', 'ce', 'reg'] as const)
      expect(Math.abs(p[k] - b[i]![k])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b[i]![k])));
  });
}

test('a reload mid-run offers Resume, and the resumed run takes the steps it would have taken had it never stopped; Start fresh and Delete', async ({
  page,
  browser,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  let lab = await openPaused(page);
  await lab.stepParts(3);
  await waitForSaved(page, 3);

  await page.reload();
  const resume = page.getByRole('button', { name: 'Resume from step 3' });
  await expect(resume).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Start fresh' })).toBeVisible();
  await resume.click();
  lab = new LabPage(page);
  await expect.poll(() => lab.step(), { timeout: 120_000 }).toBe(3);
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 60_000 });
  // Two steps: the first shows the weights came back, the second that Adam's moments did too.
  const resumed = await lab.stepParts(2);

  // The same run never interrupted, in a fresh browser context (no saved run there).
  const context = await browser.newContext();
  const fresh = await openPaused(await context.newPage());
  const uninterrupted = await fresh.stepParts(5);
  await context.close();
  expectSameParts(resumed.flat(), uninterrupted.slice(3).flat());

  // Declined, the kept run stays listed (a new run is kept once it has trained) until deleted.
  await waitForSaved(page, 5);
  await page.reload();
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 120_000 });
  expect(await new LabPage(page).step()).toBe(0);
  const files = page.getByRole('region', { name: 'run files' });
  await files.getByText(/Saved runs/).click();
  await files.getByRole('button', { name: /^Delete ICU .* step 5/ }).click();
  await expect(files.getByText('Saved runs (0)')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: /^Resume from step/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('Save run writes a file that Open run continues in another browser, step for step; a malformed, truncated or foreign file is refused and changes nothing', async ({
  page,
  browser,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const lab = await openPaused(page);
  await lab.stepParts(2);
  const file = await lab.download('Save run');
  expect(file.name).toBe('icu-lab-icu-lite-step2.icurun');
  const next = await lab.stepParts(2);

  const rows: [string, Buffer, string][] = [
    ['notes.txt', Buffer.from('hello'), 'it is not a run file of this lab'],
    ['cut.icurun', file.bytes.subarray(0, file.bytes.length - 1000), 'it is truncated'],
    [
      'future.icurun',
      Buffer.from(file.bytes.toString('latin1').replace('"version":1', '"version":9'), 'latin1'),
      'it was saved by a newer version of the lab',
    ],
  ];
  for (const [name, bytes, reason] of rows) {
    await openRunFile(page, name, bytes);
    await expect(page.getByTestId('notices')).toContainText(`Could not open ${name}: ${reason}`);
  }
  expect(await lab.step()).toBe(4);
  await lab.stepParts(1);

  const context = await browser.newContext();
  const other = await context.newPage();
  const otherLab = await openPaused(other, `?${SMALL}&head=softmax&autoplay=0`);
  await openRunFile(other, file.name, file.bytes);
  await expect(other.getByTestId('notices')).toContainText(`Opened ${file.name}: step 2.`);
  await expect.poll(() => otherLab.step(), { timeout: 120_000 }).toBe(2);
  await expect(other.getByRole('button', { name: 'Step', exact: true })).toBeEnabled({ timeout: 60_000 });
  expectSameParts((await otherLab.stepParts(2)).flat(), next.flat());
  await context.close();
  expect(errors).toEqual([]);
});
