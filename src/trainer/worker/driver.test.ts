import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Mnist, Split } from '../../data/mnist';
import { TINY } from '../../learner/testRun';
import { DEFAULT_CONFIG, type RunConfig } from '../shared/config';
import type { Divergence, FromWorker } from '../shared/protocol';
import { Driver } from './driver';
import { Run } from '../../learner/run';

// The worker's MessageChannel would keep Node alive after the tests; a timer yields as well here.
vi.mock('../shared/yield', () => ({ yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)) }));

const split = (count: number): Split => ({
  count,
  labels: Uint8Array.from({ length: count }, (_, i) => i % 10),
  images: Uint8Array.from({ length: count * 784 }, (_, j) => (j * 7) % 256),
});
const data: Mnist = { train: split(20), test: split(10) };
/** Two steps per epoch, so every second step evaluates and saves a snapshot. */
const config: RunConfig = { ...DEFAULT_CONFIG, trainSize: 20, testSize: 10, batchSize: 10, frameTrainPoints: 10 };

function setup() {
  const posted: FromWorker[] = [];
  const run = new Run(config, data, 'lite', TINY);
  const driver = new Driver(run, 1, (m) => posted.push(m));
  const divergences = () => posted.flatMap((m) => (m.type === 'diverged' ? [m.divergence] : []));
  return { posted, run, driver, divergences };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('Driver snapshots and divergence', () => {
  it('never keeps a snapshot holding a non-finite value: it reverts to the last finite one instead', async () => {
    const { posted, run, driver, divergences } = setup();
    await driver.begin();
    const snapshot = Run.prototype.snapshot;
    vi.spyOn(Run.prototype, 'snapshot').mockImplementation(async function (this: Run) {
      const s = await snapshot.call(this);
      s.learners[0]!.optimizer!.v['conv1.w']![0] = Number.NaN;
      return s;
    });
    // A step taken by hand (the driver is paused) is snapshotted at once.
    await driver.once();
    const snapshots = posted.flatMap((m) => (m.type === 'snapshot' ? [m.snapshot] : []));
    expect(snapshots.map((s) => s.step)).toEqual([0]);
    expect(divergences()).toMatchObject([
      { head: 0, part: 'Adam moments (in a snapshot)', step: 1, revertedToStep: 0, again: false },
    ]);
    expect(run.step).toBe(0);
    run.dispose();
  });

  it('stops a revert loop: a divergence right after reverting, with no snapshot since, is reported as diverging again and sends no frame to loop on', async () => {
    const { run, driver, divergences } = setup();
    await driver.begin();
    const frame = Run.prototype.frame;
    let frames = 0;
    vi.spyOn(Run.prototype, 'frame').mockImplementation(async function (this: Run, slice, between) {
      // Bounded, so that a loop fails the test instead of hanging it.
      if (++frames > 10) throw new Error('revert loop');
      const f = await frame.call(this, slice, between);
      f!.frame.heads[0]!.test.features[0] = Number.NaN;
      return f;
    });
    await driver.once();
    const expected: Partial<Divergence>[] = [
      { part: 'features', step: 1, revertedToStep: 0, again: false },
      { part: 'features', step: 0, revertedToStep: 0, again: true },
    ];
    expect(divergences()).toMatchObject(expected);
    expect(run.step).toBe(0);
    run.dispose();
  });

  it('stops without waiting out the pause between steps', async () => {
    const { run, driver } = setup();
    await driver.begin();
    // A pause far longer than a step on a loaded machine: stop() must not wait it out.
    driver.stepDelayMs = 120_000;
    driver.running = true;
    void driver.track(() => driver.loop());
    await new Promise((r) => setTimeout(r, 200));
    const t0 = performance.now();
    await driver.stop();
    expect(performance.now() - t0).toBeLessThan(60_000);
    run.dispose();
  });

  it('stops during a step without then sitting out the pause (nothing is left to wake it)', async () => {
    const { run, driver } = setup();
    await driver.begin();
    driver.stepDelayMs = 120_000;
    driver.running = true;
    const loop = driver.track(() => driver.loop());
    // The loop's first step is in flight now: stop lands inside it, before the pause begins.
    await driver.stop();
    await loop;
    run.dispose();
  }, 30_000);
});
