import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

const QUERY = '?train=64&test=100&batch=8&backend=cpu';

test('a corrupt data file shows an error naming the file and the problem', async ({ page }) => {
  await page.route('**/data/t10k-labels-idx1-ubyte.gz', (r) => r.fulfill({ status: 200, body: Buffer.from('this is not gzip at all') }));
  await new LabPage(page).open(QUERY);
  const error = page.getByTestId('error');
  await expect(error).toContainText('The MNIST data could not be loaded');
  await expect(error).toContainText('t10k-labels-idx1-ubyte.gz: not a valid gzip file');
});

test('a data file with a bad IDX header is refused with its magic number', async ({ page }) => {
  const zlib = await import('node:zlib');
  const bad = Buffer.alloc(8 + 10_000);
  bad.writeUInt32BE(1234, 0);
  bad.writeUInt32BE(10_000, 4);
  await page.route('**/data/t10k-labels-idx1-ubyte.gz', (r) => r.fulfill({ status: 200, body: zlib.gzipSync(bad) }));
  await new LabPage(page).open(QUERY);
  await expect(page.getByTestId('error')).toContainText('t10k-labels-idx1-ubyte.gz: bad magic number 1234');
});

test('a missing data file says how to make it', async ({ page }) => {
  await page.route('**/data/train-labels-idx1-ubyte.gz', (r) => r.fulfill({ status: 404, body: 'not found' }));
  await new LabPage(page).open(QUERY);
  await expect(page.getByTestId('error')).toContainText('train-labels-idx1-ubyte.gz');
  await expect(page.getByTestId('error')).toContainText('npm run data');
});

test('invalid URL values are corrected with a visible notice', async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open('?train=abc&test=100&batch=0&backend=tpu&autoplay=0');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('batch=0 is out of range (1–1024); using 1');
  await expect(notices).toContainText('backend=tpu is not one of auto, webgpu, webgl, wasm, cpu; using auto');
  await expect(lab.field('dataset')).toContainText('training on 60,000, testing on 100', { timeout: 60_000 });
});
