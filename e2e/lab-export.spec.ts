import { expect, test, type Page } from '@playwright/test';
import { writeFile } from 'node:fs/promises';
import { LabPage, SMALL } from './lab';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** What a parsed SVG holds, counted in the page's own DOMParser. */
interface SvgFacts {
  error: boolean;
  width: number;
  ellipses: number;
  images: number;
  text: string;
}

/** A PNG's width and height from its IHDR chunk, after checking the signature. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Parses an SVG in the page's own DOMParser and counts what a figure holds. */
function svgFacts(page: Page, text: string): Promise<SvgFacts> {
  return page.evaluate((svg): SvgFacts => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const paths = Array.from(doc.querySelectorAll('path'), (p) => p.getAttribute('d') ?? '');
    return {
      error: doc.querySelector('parsererror') !== null,
      width: Number(doc.documentElement.getAttribute('width')),
      ellipses: paths.filter((d) => /A[\d.]+,[\d.]+ [-\d.]+ 0 1 /.test(d)).length,
      images: doc.querySelectorAll('image').length,
      text: doc.documentElement.textContent ?? '',
    };
  }, text);
}

test("exports the grid as PNG at 1× and 4× and as SVG, in Fig. 2's layout", async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,icu&${SMALL}&autoplay=0`);
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test');
  // Two columns of 320-px panels (380 px with their axes), two rows, then legend and caption.
  await page.getByRole('combobox', { name: 'export scale' }).selectOption('1');
  const png1 = await lab.download('Export PNG');
  expect(png1.name).toBe('icu-lab-step0.png');
  const [w1, h1] = pngSize(png1.bytes);
  expect([w1, h1 > 2 * 380]).toEqual([2 * 380, true]);
  await writeFile('e2e-artifacts/lab-export.png', png1.bytes);
  await page.getByRole('combobox', { name: 'export scale' }).selectOption('4');
  expect(pngSize((await lab.download('Export PNG')).bytes)).toEqual([4 * w1, 4 * h1]);

  const svg = await lab.download('Export SVG');
  expect(svg.name).toBe('icu-lab-step0.svg');
  const facts = await svgFacts(page, svg.bytes.toString('utf8'));
  // 4 panels × (ICU: 10 learned + 10 empirical; softmax: 10 empirical) at 2σ, each over its halo; a decision field per panel.
  expect([facts.error, facts.width, facts.ellipses, facts.images]).toEqual([false, w1, 2 * 2 * (10 + 20), 4]);
  expect(facts.text).toContain('ICU (alpha 0.0001, gamma 0.001');
  expect(facts.text).toContain('step 0');
});

test('exports the drawn data as CSV and JSON, and a single panel', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?heads=softmax,icu&${SMALL}&autoplay=0&draw=100`);
  for (const head of [0, 1]) await lab.waitForPoints(head, 'test');
  const csv = (await lab.download('Export CSV')).bytes.toString('utf8').trimEnd().split('\n');
  expect(csv[0]).toBe('head_index,head,sample,mnist_index,label,prediction,f1,f2');
  expect(csv.length - 1).toBe(2 * 2 * 100); // two heads, train and test, the 100 drawn of each
  const json = JSON.parse((await lab.download('Export JSON')).bytes.toString('utf8')) as {
    heads: { head: string; params: Record<string, number[]> }[];
  };
  expect(json.heads.map((h) => h.head)).toEqual(['softmax', 'icu']);
  expect(json.heads[1]!.params.means).toHaveLength(20);
  await page.getByRole('combobox', { name: 'export figure' }).selectOption({ label: 'ICU · test' });
  expect(pngSize((await lab.download('Export PNG')).bytes)[0]).toBe(2 * 380);
});
