import { expect, test } from '@playwright/test';
import { LabPage, SMALL } from './lab';

/** Every run setting and every view setting, none at its default, in the order the lab writes them. */
const EVERYTHING = [
  'heads=lgm%2Cicu',
  'lgm.alpha=0.2',
  'icu.alpha=0.01',
  'icu.gamma=0.05',
  'icu.lambdaMu=0.2',
  'icu.lambdaSigma=0.3',
  'icu.marginOn=mahalanobis',
  'train=300',
  'test=150',
  'seed=7',
  'batch=16',
  'lr=0.002',
  'wd=0.0005',
  'imbalance=10',
  'points=120',
  'backend=wasm',
  'order=ascending',
  'schedule=step%3A0.5%3A2',
  'features=train',
  'autoplay=0',
  'ellipses=learned',
  'sigmas=1%2C3',
  'field=0',
  'density=1',
  'misclassified=1',
  'zoom=2%2C-0.25%2C-0.25',
  'axes=shared',
  'draw=100',
  'theme=dark',
].join('&');

test('a URL with every setting opens that experiment and view, and stays in the address bar', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(`?${EVERYTHING}`);
  await expect(lab.field('dataset')).toContainText('testing on 150', { timeout: 60_000 });
  await expect(lab.field('backend')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.getByRole('combobox', { name: 'loss head' })).toHaveValue('');
  await expect(page.getByRole('checkbox', { name: 'compare L-GM' })).toBeChecked();
  const typed = {
    'alpha (lgm) value': '0.2',
    'alpha (icu) value': '0.01',
    'gamma (icu) value': '0.05',
    'lambda mu (icu) value': '0.2',
    'lambda sigma (icu) value': '0.3',
    'learning rate value': '0.002',
    'imbalance ratio value': '10',
    'batch size value': '16',
    'seed value': '7',
    'points per panel value': '100',
  };
  for (const [name, value] of Object.entries(typed))
    await expect(page.getByRole('textbox', { name })).toHaveValue(value);
  await expect(page.getByRole('combobox', { name: 'margin on (icu)' })).toHaveValue('mahalanobis');
  await expect(page.getByRole('combobox', { name: 'imbalance order' })).toHaveValue('ascending');
  await expect(page.getByRole('combobox', { name: 'learning rate schedule' })).toHaveValue('step');
  await expect(page.getByRole('combobox', { name: 'plotted feature mode' })).toHaveValue('train');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  const checks = {
    'learned ellipses': true,
    'empirical ellipses': false,
    '1σ': true,
    '2σ': false,
    '3σ': true,
    'decision field': false,
    boundaries: true,
    'likelihood density': true,
    'show only misclassified': true,
    'shared axes': true,
  };
  for (const [name, on] of Object.entries(checks))
    await expect(page.getByRole('checkbox', { name, exact: true })).toBeChecked({ checked: on });
  await expect(page.getByRole('combobox', { name: 'theme' })).toHaveValue('dark');
  await expect(page.locator('main')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
  await expect(page.getByTestId('caption-test-1')).toContainText('training-mode features', { timeout: 60_000 });
  await expect(page.getByTestId('notices')).toHaveCount(0);
  // Learned ellipses only, at 1σ and 3σ, for the ten classes of each Gaussian head.
  await expect.poll(async () => (await lab.overlays(1, 'test')).ellipses).toBe(20);
  expect(new URL(page.url()).search).toBe(`?${EVERYTHING}`);
  await page.screenshot({ path: 'e2e-artifacts/lab-url-dark.png', fullPage: true });
});

test('invalid URL values are corrected to the nearest valid ones with a visible notice', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open(
    '?head=icu&icu.alpha=50&train=200&test=100&batch=16&backend=wasm&autoplay=0&sigmas=5&theme=neon&draw=3&cell=2:1:1&preset=fig9',
  );
  const notices = page.getByTestId('notices');
  for (const text of [
    'preset=fig9 is not one of fig2, longtail, margins; ignored',
    'icu.alpha=50 is out of range (0 or 0.000001–10); using 10',
    'sigmas=5: only 1, 2 and 3 σ are drawn; using 2',
    'theme=neon is not one of light, dark; using light',
    'draw=3 is out of range (10–60000); using 10',
    'cell=2:1:1 is not head:true:predicted (head 0–0, classes 0–9); no cell selected',
  ])
    await expect(notices).toContainText(text);
  await expect(page.getByRole('textbox', { name: 'alpha (icu) value' })).toHaveValue('10');
  await expect(page.getByRole('textbox', { name: 'points per panel value' })).toHaveValue('10');
  await expect(page).toHaveURL(/icu\.alpha=10&/);
  await expect(page).not.toHaveURL(/theme=|preset=|cell=/);
  await lab.waitForPoints(0, 'test');
  expect(await lab.pointsDrawn(0, 'test')).toBeLessThanOrEqual(10);
});

test('when the lab cannot load its code the page says so, and a reload opens the lab', async ({ page }) => {
  const lab = new LabPage(page);
  await page.route('**/assets/lab-*.js', (route) => route.abort('internetdisconnected'));
  await lab.open(`?head=icu&${SMALL}&autoplay=0`);
  await expect(page.getByRole('alert')).toContainText('The lab could not load its code');
  await expect(page.getByRole('alert')).toContainText('Reload the page to try again.');
  await page.unroute('**/assets/lab-*.js');
  await page.reload();
  await lab.waitForPoints(0, 'test');
});
