import { expect, test, type Page } from '@playwright/test';
import { LabPage, SMALL } from './lab';

/** The plot's data-* attributes: what the sandbox drew. */
async function drawn(page: Page) {
  const plot = page.getByTestId('sandbox-plot');
  const attr = async (name: string) => (await plot.getAttribute(`data-${name}`)) ?? '';
  return {
    fieldHash: await attr('field-hash'),
    marginCells: Number(await attr('margin-cells')),
    slackCells: Number(await attr('slack-cells')),
    means: (await attr('means')).split(',').map(Number),
  };
}

/** Class c's sample mean as the URL's `data` holds it (the Gaussian the sample was drawn from). */
const dataMean = (page: Page, c: number) => {
  const data = new URL(page.url()).searchParams.get('data')!.split(',').map(Number);
  return [data[4 * c]!, data[4 * c + 1]!];
};

test('the sandbox opens without the worker or MNIST; the keyboard moves a mean and the field follows, into the URL', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const workers: string[] = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.goto('/?mode=sandbox');
  await expect(page.getByRole('heading', { name: /Gaussian sandbox/ })).toBeVisible();
  const before = await drawn(page);
  expect(before.fieldHash).toMatch(/^[0-9a-f]{8}$/);
  const mean = page.getByRole('slider', { name: 'mean of class 2' });
  await mean.focus();
  for (let i = 0; i < 4; i++) await mean.press('Shift+ArrowLeft');
  // Four large steps of 0.5 to the left.
  await expect.poll(async () => (await drawn(page)).means[4]).toBeCloseTo(before.means[4]! - 2, 6);
  await expect.poll(async () => (await drawn(page)).fieldHash).not.toBe(before.fieldHash);
  await expect.poll(() => new URL(page.url()).searchParams.get('mu')).toBe((await drawn(page)).means.join(','));
  // The URL is the whole state: a reload draws the same field.
  const moved = await drawn(page);
  await page.reload();
  await expect.poll(async () => (await drawn(page)).fieldHash).toBe(moved.fieldHash);
  // A pointer drags the probe.
  const probe = page.getByRole('slider', { name: 'probe' });
  const box = (await probe.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2 - 30, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => new URL(page.url()).searchParams.get('probe')).not.toBe('0,0');
  expect(workers).toEqual([]);
  expect(requests.filter((u) => /\/data\/|mnist|\.gz/i.test(u))).toEqual([]);
});

test('raising α widens the drawn margin band', async ({ page }) => {
  await page.goto('/?mode=sandbox');
  const before = await drawn(page);
  const alpha = page.getByRole('textbox', { name: 'alpha (icu) value' });
  await alpha.fill('1');
  await alpha.press('Enter');
  await expect.poll(async () => (await drawn(page)).marginCells).toBeGreaterThan(before.marginCells + 500);
  await expect.poll(() => new URL(page.url()).searchParams.get('icu.alpha')).toBe('1');
  await expect(page.getByTestId('margin-legend')).toContainText('Margin band');
});

test('Step moves a displaced mean toward its sample and shows the regularizer pull', async ({ page }) => {
  await page.goto('/?mode=sandbox');
  const mean = page.getByRole('slider', { name: 'mean of class 2' });
  await mean.focus();
  for (let i = 0; i < 3; i++) await mean.press('Shift+ArrowUp');
  await expect.poll(() => new URL(page.url()).searchParams.has('data')).toBe(true);
  const [tx, ty] = dataMean(page, 2);
  const distance = async () => {
    const m = (await drawn(page)).means;
    return Math.hypot(m[4]! - tx!, m[5]! - ty!);
  };
  await expect.poll(distance).toBeGreaterThan(1.4);
  const start = await distance();
  const loss = async () => Number(await page.getByTestId('sample-loss').getAttribute('data-total'));
  const lossBefore = await loss();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect.poll(distance).toBeLessThan(start - 0.1);
  await expect(page.getByTestId('step-loss')).toBeVisible();
  await expect.poll(loss).toBeLessThan(lossBefore);
  await expect(page.getByTestId('sandbox-plot')).toContainText("regularizer's pull");
});

test('bad URL values are corrected with a notice', async ({ page }) => {
  await page.goto('/?mode=sandbox&k=20&icu.alpha=abc&mu=1,2&probe=9,0&colour=red');
  const notices = page.getByTestId('notices');
  for (const text of [
    'k=20 is out of range (3–10); using 10',
    'icu.alpha=abc is not a number',
    'mu=1,2 is not 20 comma-separated numbers',
    'probe[0]=9 is out of range',
    'unknown parameter colour ignored',
  ])
    await expect(notices).toContainText(text);
  await expect(page.getByRole('slider', { name: 'mean of class 9' })).toBeVisible();
  await expect.poll(() => new URL(page.url()).searchParams.get('k')).toBe('10');
  // A value typed into a control is corrected the same way.
  const perClass = page.getByRole('textbox', { name: 'points per class value' });
  await perClass.fill('500');
  await perClass.press('Enter');
  await expect(notices).toContainText('points per class 500 is out of range (1–200); using 200');
  await expect.poll(() => new URL(page.url()).searchParams.get('n')).toBe('200');
});

test('Export PNG and Export SVG download the figure', async ({ page }) => {
  await page.goto('/?mode=sandbox&preset=slack');
  const lab = new LabPage(page);
  const png = await lab.download('Export PNG');
  expect(png.name).toBe('icu-sandbox.png');
  expect([...png.bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');
  // Twice the figure's 538 × 548 CSS pixels.
  expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([1076, 1096]);
  const svg = await lab.download('Export SVG');
  expect(svg.name).toBe('icu-sandbox.svg');
  const text = svg.bytes.toString('utf8');
  expect(text).toContain('<svg');
  expect(text).toContain('data:image/png;base64');
  expect(text).toContain('>slack</text>');
});

test("the lab's link opens the sandbox, and the sandbox links back", async ({ page }) => {
  await page.goto(`/?${SMALL}&autoplay=0`);
  await page.getByRole('link', { name: 'Open the sandbox' }).click();
  await expect(page.getByRole('slider', { name: 'mean of class 0' })).toBeVisible();
  expect(new URL(page.url()).searchParams.get('mode')).toBe('sandbox');
  // The link names the preset; the page then writes out its whole state.
  await expect.poll(() => new URL(page.url()).searchParams.get('icu.alpha')).toBe('1');
  await expect(page.getByRole('link', { name: 'Back to the lab' })).toHaveAttribute('href', '/');
});
