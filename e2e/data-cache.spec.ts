import { expect, test, type Page } from '@playwright/test';
import { MNIST_CACHE } from '../src/data/fileCache';
import { MNIST_FILES } from '../src/data/mnist';
import { LabPage, SMALL } from './lab';

const RUN = `?${SMALL}&autoplay=0`;

/** The URLs the MNIST cache holds, as the page sees them. */
function cachedUrls(page: Page): Promise<string[]> {
  return page.evaluate(
    async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname),
    MNIST_CACHE,
  );
}

/** Opens (or reloads) the lab and steps it once: the data is there and training works. */
async function trainsOneStep(lab: LabPage, open: () => Promise<unknown>): Promise<void> {
  await open();
  const step = lab.page.getByRole('button', { name: 'Step', exact: true });
  await expect(step).toBeEnabled({ timeout: 120_000 });
  const before = await lab.step();
  await step.click();
  await expect.poll(() => lab.step(), { timeout: 60_000 }).toBeGreaterThan(before);
  await expect(lab.page.getByTestId('error')).toHaveCount(0);
}

test('MNIST is kept across reloads: a second visit trains without downloading it, and a corrupt kept file is fetched again', async ({
  page,
  context,
}) => {
  // The files are fetched by the dedicated training worker; Chromium reports its requests to the
  // context (and the page), and a file read from Cache Storage makes no request at all.
  const requested: string[] = [];
  context.on('request', (r) => {
    if (r.url().endsWith('.gz')) requested.push(new URL(r.url()).pathname.split('/').pop()!);
  });
  const lab = new LabPage(page);

  await trainsOneStep(lab, () => lab.open(RUN));
  expect(requested.sort()).toEqual([...MNIST_FILES].sort());
  // The cache writes run beside the load and may land after training starts.
  await expect.poll(async () => (await cachedUrls(page)).length, { timeout: 30_000 }).toBe(MNIST_FILES.length);

  requested.length = 0;
  await trainsOneStep(lab, () => page.reload());
  expect(requested).toEqual([]);

  const labels = { name: MNIST_CACHE, url: `/data/${MNIST_FILES[1]}` };
  expect(await cachedUrls(page)).toContain(labels.url);
  await page.evaluate(
    async ({ name, url }) => (await caches.open(name)).put(url, new Response('not gzip, not IDX')),
    labels,
  );
  await trainsOneStep(lab, () => page.reload());
  expect(requested).toEqual([MNIST_FILES[1]]);
  const size = () =>
    page.evaluate(
      async ({ name, url }) => (await (await (await caches.open(name)).match(url))!.arrayBuffer()).byteLength,
      labels,
    );
  // The download replaced the 17 bytes of garbage (with the file, gzipped or as the transport decoded it).
  await expect.poll(size, { timeout: 30_000 }).toBeGreaterThan(20_000);
});
