import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

const RUN = '?train=256&test=100&batch=32&backend=wasm&points=50&autoplay=0';

test('typed values outside a box\u2019s range are corrected with a notice; the run goes on and the URL never carries them', async ({ page }) => {
  // Every URL the lab writes, to show that no bad value ever reached it.
  await page.addInitScript(() => {
    const urls: string[] = [];
    (window as unknown as { urls: string[] }).urls = urls;
    const replace = history.replaceState.bind(history);
    history.replaceState = (data: unknown, unused: string, url?: string | URL | null) => { urls.push(String(url)); replace(data, unused, url); };
  });
  const lab = new LabPage(page);
  await lab.open(RUN);
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  await expect(stepButton).toBeEnabled({ timeout: 60_000 });
  const notices = page.getByTestId('notices');
  const type = async (box: string, value: string, notice: string | null, shown: string) => {
    const input = page.getByRole('textbox', { name: box, exact: true });
    await input.fill(value);
    await input.press('Enter');
    if (notice) await expect(notices).toContainText(notice);
    await expect(input).toHaveValue(shown);
  };

  await type('batch size value', '0', 'batch size 0 is out of range (8–512); using 8', '8');
  await type('seed value', '1.5', 'seed 1.5 is not a whole number; using 2', '2');
  await type('imbalance ratio value', '300', 'imbalance ratio 300 is out of range (1–200); using 200', '200');
  await page.getByRole('combobox', { name: 'learning rate schedule' }).selectOption('step');
  await type('step decay factor', '0', 'step decay factor 0 is out of range (0.0001–1); using 0.0001', '0.0001');
  await page.getByRole('button', { name: 'Start a new run with these' }).click();
  await expect(page).toHaveURL(/[?&]batch=8(&|$)/);
  await expect(page).toHaveURL(/[?&]seed=2(&|$)/);
  await expect(page).toHaveURL(/[?&]imbalance=200(&|$)/);
  await expect(stepButton).toBeEnabled({ timeout: 60_000 });

  await type('learning rate value', '100', 'learning rate 100 is out of range (0.00001–1); using 1', '1');
  await expect(page).toHaveURL(/[?&]lr=1(&|$)/);
  await type('speed: delay between steps value', '6000', 'speed: delay between steps 6000 is out of range (0–2000); using 2000', '2000');
  // Back to a rate the tiny network trains at, and no pause, so the step below is an ordinary one.
  await type('learning rate value', '0.01', null, '0.01');
  await type('speed: delay between steps value', '0', null, '0');

  const before = await lab.step();
  await stepButton.click();
  await expect.poll(() => lab.step(), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(page.getByTestId('error')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play' })).toBeEnabled();
  const urls = await page.evaluate(() => (window as unknown as { urls: string[] }).urls);
  expect(urls.length).toBeGreaterThan(0);
  expect(urls.filter((u) => /[?&](batch=0|seed=1\.5|imbalance=300|lr=100)(&|$)|schedule=step(:|%3A)0(:|%3A)/.test(u))).toEqual([]);
});
