import { expect, test } from '@playwright/test';
import { mkdir, writeFile } from 'node:fs/promises';
import { gifFacts, LabPage } from './lab';

/** WebM is Matroska: an EBML header first. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

test('exports the recorded frames of the grid as an animated GIF and as WebM', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.openRecording();

  await mkdir('e2e-artifacts', { recursive: true });
  const format = page.getByRole('combobox', { name: 'animation format' });
  await format.selectOption('GIF');
  const gif = await lab.download('Export animation');
  await writeFile('e2e-artifacts/lab-animation.gif', gif.bytes);
  expect(gif.name).toMatch(/^icu-lab-step0-\d+\.gif$/);
  const facts = gifFacts(gif.bytes);
  expect(facts.version).toBe('GIF89a');
  // One column (ICU), two rows of 380-px panels, then legend and caption.
  expect(facts.width).toBe(380);
  expect(facts.height).toBeGreaterThan(2 * 380);
  expect(facts.images).toBeGreaterThanOrEqual(3);
  await expect(page.getByRole('progressbar', { name: 'animation export' })).toHaveCount(0);

  await format.selectOption('WebM');
  const webm = await lab.download('Export animation');
  await writeFile('e2e-artifacts/lab-animation.webm', webm.bytes);
  expect(webm.name).toMatch(/^icu-lab-step0-\d+\.webm$/);
  expect(webm.bytes.subarray(0, 4).equals(EBML_MAGIC)).toBe(true);
  expect(webm.bytes.length).toBeGreaterThan(1024);
});
