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
  await lab.open(`?head=icu&${SMALL}`);
  const timeline = page.getByRole('slider', { name: 'timeline' });
  // Frames are recorded as they arrive: wait for a few.
  await expect
    .poll(async () => Number(await timeline.getAttribute('max')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(3);
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

  // Replay: the recording plays from its start, shows several steps in turn and ends live.
  await page.getByRole('combobox', { name: 'replay speed' }).selectOption('2');
  const seen = new Set<string>();
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
  await expect.poll(() => shown(page), { timeout: 120_000 }).toMatchObject({ live: 'true' });
});
