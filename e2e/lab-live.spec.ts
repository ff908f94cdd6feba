import { expect, test } from '@playwright/test';
import { LabPage, SMALL } from './lab';

test('moving the alpha slider while ICU trains: the run continues with the new value', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}`);
  await lab.waitForSteps(2, 60_000);
  const slider = page.getByRole('slider', { name: 'alpha (icu)' });
  await slider.focus();
  // Each PageUp moves a tenth of the log track: 1e-4 → ~5e-4 → ~2.5e-3.
  await slider.press('PageUp');
  await slider.press('PageUp');
  const alpha = Number(await slider.getAttribute('aria-valuetext'));
  expect(alpha).toBeGreaterThan(1e-3);
  const stepAtChange = await lab.step();
  await expect(async () => {
    const hyper = JSON.parse((await lab.field('loss').getAttribute('data-hyper')) || '{}') as { alpha?: number };
    expect(hyper.alpha).toBe(alpha);
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('textbox', { name: 'alpha (icu) value' })).toHaveValue(String(alpha));
  await expect(page).toHaveURL(new RegExp(`icu\\.alpha=${String(alpha).replace('.', '\\.')}`));
  await lab.waitForSteps(stepAtChange + 2, 30_000);
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
});

test('the space bar pauses and resumes training', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${SMALL}`);
  await lab.waitForSteps(1, 60_000);
  await page.locator('body').press(' ');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const paused = await lab.step();
  await page.waitForTimeout(1000);
  expect(await lab.step()).toBe(paused);
  await page.locator('body').press(' ');
  await lab.waitForSteps(paused + 1, 30_000);
});

test('the loss charts redraw at most twice a second, however fast the steps come', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${SMALL}`);
  await lab.waitForSteps(2, 60_000);
  // Until 30 more steps have come: how often the first loss line changed, against the seconds it took.
  const { redraws, seconds, steps } = await page.evaluate(
    () =>
      new Promise<{ redraws: number; seconds: number; steps: number }>((resolve) => {
        const step = () => Number(document.querySelector('[data-testid="step"]')!.textContent!.split(' ')[0]);
        const line = () => document.querySelector('article.head-charts svg path')?.getAttribute('d');
        const start = performance.now(),
          first = step();
        let last = line(),
          redraws = 0;
        const look = () => {
          const d = line();
          if (d !== last) redraws++;
          last = d;
          const seconds = (performance.now() - start) / 1000;
          if (step() - first >= 30 || seconds > 60) resolve({ redraws, seconds, steps: step() - first });
          else requestAnimationFrame(look);
        };
        look();
      }),
  );
  expect(steps).toBeGreaterThanOrEqual(30);
  expect(redraws).toBeGreaterThan(0);
  expect(redraws).toBeLessThanOrEqual(Math.ceil(seconds * 2) + 1);
});
