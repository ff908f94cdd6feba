import { expect, test } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { LabPage, SMALL } from './lab';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a parsed SVG holds, counted in the page's own DOMParser. */
interface SvgFacts { error: boolean; width: number; ellipses: number; images: number; text: string }

test('exports the grid as PNG (1×, 4×) and SVG, and the drawn data as CSV and JSON', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,icu&${SMALL}&autoplay=0`);
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test');

  // Fig. 2's layout at 320 px panels: two columns of 380 px, two rows plus legend and caption.
  await page.getByRole('combobox', { name: 'export scale' }).selectOption('1');
  const png1 = await lab.download('Export PNG');
  expect(png1.name).toBe('icu-lab-step0.png');
  expect(png1.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  const [w1, h1] = [png1.bytes.readUInt32BE(16), png1.bytes.readUInt32BE(20)];
  expect(w1).toBe(2 * 380);
  expect(h1).toBeGreaterThan(2 * 380);
  await page.getByRole('combobox', { name: 'export scale' }).selectOption('4');
  const png4 = await lab.download('Export PNG');
  await writeFile('e2e-artifacts/lab-export.png', png1.bytes);
  expect([png4.bytes.readUInt32BE(16), png4.bytes.readUInt32BE(20)]).toEqual([4 * w1, 4 * h1]);
  expect(png4.bytes.length).toBeGreaterThan(png1.bytes.length);

  const svg = await lab.download('Export SVG');
  expect(svg.name).toBe('icu-lab-step0.svg');
  const facts = await page.evaluate((text): SvgFacts => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const paths = Array.from(doc.querySelectorAll('path'), (p) => p.getAttribute('d') ?? '');
    return {
      error: doc.querySelector('parsererror') !== null, width: Number(doc.documentElement.getAttribute('width')),
      ellipses: paths.filter((d) => /A[\d.]+,[\d.]+ [-\d.]+ 0 1 /.test(d)).length, images: doc.querySelectorAll('image').length,
      text: doc.documentElement.textContent ?? '',
    };
  }, svg.bytes.toString('utf8'));
  expect(facts.error).toBe(false);
  expect(facts.width).toBe(w1);
  // 4 panels × (ICU: 10 learned + 10 empirical; softmax: 10 empirical) at 2σ, each over its halo.
  expect(facts.ellipses).toBe(2 * 2 * (10 + 20));
  expect(facts.images).toBe(4); // each panel's decision field
  expect(facts.text).toContain('ICU (alpha 0.0001, gamma 0.001');
  expect(facts.text).toContain('step 0');

  const csv = (await lab.download('Export CSV')).bytes.toString('utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('head_index,head,sample,mnist_index,label,prediction,f1,f2');
  const drawn = (await lab.pointsDrawn(0, 'train')) + (await lab.pointsDrawn(0, 'test')) + (await lab.pointsDrawn(1, 'train')) + (await lab.pointsDrawn(1, 'test'));
  expect(csv.length - 1).toBe(drawn);
  const json = JSON.parse((await lab.download('Export JSON')).bytes.toString('utf8')) as { heads: { head: string; params: Record<string, number[]> }[] };
  expect(json.heads.map((h) => h.head)).toEqual(['softmax', 'icu']);
  expect(json.heads[1]!.params.means).toHaveLength(20);
});

test('exports a single panel', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?head=icu&${SMALL}&autoplay=0`);
  await lab.waitForPoints(0, 'test');
  await page.getByRole('combobox', { name: 'export figure' }).selectOption({ label: 'ICU · test' });
  await page.getByRole('combobox', { name: 'export scale' }).selectOption('2');
  const png = await lab.download('Export PNG');
  expect(png.bytes.readUInt32BE(16)).toBe(2 * 380);
});
