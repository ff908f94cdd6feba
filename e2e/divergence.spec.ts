import { expect, test } from '@playwright/test';
import { LabPage } from './lab';

test('a diverging run (huge learning rate) pauses, reverts to its last finite snapshot and says why; no NaN is drawn', async ({
  page,
}) => {
  const lab = new LabPage(page);
  await lab.open('?head=icu&icu.lambdaSigma=10&lr=10&train=128&test=60&batch=16&backend=wasm&points=40');
  const notices = page.getByTestId('notices');
  await expect(notices).toContainText('Training diverged at step', { timeout: 200_000 });
  await expect(notices).toContainText('went out of bounds (learning rate 10');
  await expect(notices).toContainText('Paused and reverted to step');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible();
  expect(await lab.pointsDrawn(0, 'test')).toBeGreaterThan(0);
});
