import { expect, test, type Page } from '@playwright/test';
import { LabPage, SMALL } from './lab';

/** The timeline's readout: the step on screen (empty while live) and whether it follows the run. */
async function shown(page: Page): Promise<{ step: string; live: string }> {
  const out = page.getByTestId('timeline-step');
  return { step: (await out.getAttribute('data-step')) ?? '', live: (await out.getAttribute('data-live')) ?? '' };
}

/** Steps of the panels' drawn digits (each canvas's newest), train and test of head 0. */
const panelSteps = async (lab: LabPage) =>
  Promise.all((['train', 'test'] as const).map(async (s) => Number(await lab.canvas(0, s).getAttribute('data-step'))));

test('the timeline: scrub back to a recorded step and see the panels, charts and step as they were, then Live and Replay', async ({
  page,
}) => {
  const lab = new LabPage(page);
  // Frames are recorded as they arrive: wait for a few.
  await lab.openRecording();
  const timeline = lab.timeline();
  const liveBefore = await lab.step();

  // Home: the first recorded frame, drawn by every panel; training goes on behind it.
  await timeline.focus();
  await timeline.press('Home');
  await expect.poll(() => shown(page)).toMatchObject({ live: 'false' });
  const first = Number((await shown(page)).step);
  expect(first).toBeLessThan(liveBefore + 1);
  await expect.poll(() => panelSteps(lab)).toEqual([first, first]);
  await expect(page.getByTestId('caption-test-0')).toContainText(`embedded at step ${first.toLocaleString('en-US')}`);
  await expect(page.getByTestId('timeline-step')).toContainText(`Step ${first.toLocaleString('en-US')} (recorded)`);
  await lab.waitForSteps(liveBefore + 2, 60_000);
  expect(Number((await shown(page)).step)).toBe(first);

  // The arrow key steps to the next recorded frame; the loss chart marks the step on screen.
  await timeline.press('ArrowRight');
  await expect.poll(async () => Number((await shown(page)).step)).toBeGreaterThan(first);
  const second = Number((await shown(page)).step);
  await expect.poll(() => panelSteps(lab)).toEqual([second, second]);
  await expect(page.getByTestId('chart-marker').first()).toHaveAttribute('data-step', String(second));

  // Live: the present again, panels beyond the recorded step, no marker.
  await page.getByRole('button', { name: 'Live', exact: true }).click();
  await expect.poll(() => shown(page)).toEqual({ step: '', live: 'true' });
  await expect.poll(async () => Math.max(...(await panelSteps(lab)))).toBeGreaterThan(second);
  await expect(page.getByTestId('chart-marker')).toHaveCount(0);

  // Replay: the recording plays from its start, shows several steps in turn and ends live once it
  // reaches the step recorded at the press, although the run records faster than 2 frames a second.
  await page.getByRole('combobox', { name: 'replay speed' }).selectOption('2');
  const seen = new Set<string>();
  const recorded = Number(await timeline.getAttribute('max')) + 1;
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await expect
    .poll(
      async () => {
        const s = await shown(page);
        if (s.live === 'false') seen.add(s.step);
        return seen.size;
      },
      { intervals: [100], timeout: 60_000 },
    )
    .toBeGreaterThanOrEqual(3);
  await expect.poll(() => shown(page), { timeout: (recorded / 2) * 1000 + 30_000 }).toMatchObject({ live: 'true' });
  expect(Number(await timeline.getAttribute('max')) + 1).toBeGreaterThan(recorded);
});

test('fork from a recorded step with a changed α: a new, labelled panel trains on beside the original, and the URL records it', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.openRecording();
  const timeline = lab.timeline();
  await timeline.focus();
  await timeline.press('Home');
  const fork = page.getByRole('button', { name: /^Fork from step/ });
  await expect(fork).toBeEnabled();
  const at = Number((await fork.innerText()).replace(/\D/g, ''));
  await fork.click();
  const alpha = page.getByRole('textbox', { name: 'alpha (fork) value' });
  await alpha.fill('0.1');
  await alpha.press('Enter');
  const rate = page.getByRole('textbox', { name: 'learning rate (fork) value' });
  await rate.fill('0.002');
  await rate.press('Enter');
  await page.getByRole('button', { name: 'Start the fork' }).click();

  const label = `ICU · α = 0.1, lr = 0.002, forked at step ${at.toLocaleString('en-US')}`;
  await expect(page.getByTestId('panel-test-1')).toContainText(label, { timeout: 60_000 });
  await expect(page.getByTestId('panel-test-0')).toContainText('ICU · α = 0.0001 · test');
  await expect(page.getByTestId('notices')).toContainText(`Forked: ${label}.`);
  await expect(page).toHaveURL(
    new RegExp(`heads=icu%2Cicu.*icu\\.2\\.alpha=0\\.1.*icu\\.2\\.fork=${at}&icu\\.2\\.lr=0\\.002`),
  );
  // Both train on from the fork's step: each panel draws digits embedded after it.
  for (const head of [0, 1])
    await expect
      .poll(async () => Number(await lab.canvas(head, 'test').getAttribute('data-step')), { timeout: 120_000 })
      .toBeGreaterThan(at + 1);
  await expect(page.getByRole('slider', { name: 'alpha (icu 2)' })).toHaveAttribute('aria-valuetext', '0.1');
  await page.screenshot({ path: 'e2e-artifacts/lab-fork.png', fullPage: true });
});

test('the same head twice from the URL, each with its own α, on identical batches', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=icu,icu&icu.2.alpha=0.5&${SMALL}`);
  await expect(page.getByTestId('panel-test-0')).toContainText('ICU · α = 0.0001 · test');
  await expect(page.getByTestId('panel-test-1')).toContainText('ICU · α = 0.5 · test');
  await expect(page.getByRole('slider', { name: 'alpha (icu 1)' })).toHaveAttribute('aria-valuetext', '0.0001');
  await expect(page.getByRole('slider', { name: 'alpha (icu 2)' })).toHaveAttribute('aria-valuetext', '0.5');
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test', 120_000);
  // Each step reports both heads' hyper-parameters: the two differ only in α.
  await expect
    .poll(async () => JSON.parse((await lab.field('loss').getAttribute('data-parts')) || '[]').length, {
      timeout: 120_000,
    })
    .toBe(2);
  await expect(page.getByTestId('notices')).toHaveCount(0);

  // Adding a kind keeps both ICU heads with their settings; removing ICU removes both.
  page.on('dialog', (d) => void d.accept());
  await page.getByRole('checkbox', { name: 'compare Softmax' }).check();
  await expect(page.getByTestId('panel-test-0')).toContainText('Softmax · test');
  await expect(page.getByTestId('panel-test-2')).toContainText('ICU · α = 0.5 · test');
  await page.getByRole('checkbox', { name: 'compare ICU' }).uncheck();
  await expect(page.getByTestId('panel-test-1')).toHaveCount(0);
  await expect(page.getByTestId('panel-test-0')).toContainText('Softmax · test');
  await expect(page).not.toHaveURL(/heads=|icu/);
});
