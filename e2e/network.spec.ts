import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

const RUN = 'train=256&test=200&batch=32&backend=wasm&points=200&autoplay=0';

test('without a hardware GPU the lite network runs at its batch of 32, the status says why, and one click trains the paper network at 128', async ({
  page,
}) => {
  const lab = new LabPage(page);
  // No batch in the URL: the network's own.
  await lab.open(`?${RUN.replace('&batch=32', '')}`);
  const network = page.getByTestId('network');
  await expect(network).toHaveAttribute('data-network', 'lite', { timeout: 90_000 });
  await expect(network).toContainText('lite (8·8·16·16, FC 64) · automatic: no hardware GPU (wasm)');
  await expect(network).toContainText('· batch 32 (the network’s)');
  // 256 training digits: two steps of 128 would end the first epoch; steps of 32 take eight.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await step.click();
  await expect.poll(() => lab.step(), { timeout: 90_000 }).toBe(2);
  await expect(lab.field('step')).toContainText('2 (epoch 0)');
  await page.getByRole('button', { name: 'Train the paper network' }).click();
  await expect(network).toHaveAttribute('data-network', 'paper', { timeout: 90_000 });
  await expect(network).toContainText('paper (32·32·64·64, FC 128) · chosen');
  await expect(network).toContainText('· batch 128 (the network’s)');
  await expect(page).toHaveURL(/arch=paper/);
  await expect(page).not.toHaveURL(/batch=/);
  await step.click();
  await expect.poll(() => lab.step(), { timeout: 90_000 }).toBe(1);
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('the Network setting starts the next run on the chosen network, and ?arch= opens it', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${RUN}&arch=paper`);
  const network = page.getByTestId('network');
  await expect(network).toHaveAttribute('data-network', 'paper', { timeout: 90_000 });
  const select = page.getByRole('combobox', { name: 'network' });
  await expect(select).toHaveValue('paper');
  await select.selectOption('lite');
  await page.getByRole('button', { name: 'Start a new run with these' }).click();
  await expect(network).toHaveAttribute('data-network', 'lite', { timeout: 90_000 });
  await expect(page).toHaveURL(/arch=lite/);
  await lab.waitForPoints(0, 'test', 90_000);
});
