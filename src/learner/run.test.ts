import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultHyper } from '../loss/heads';
import { NETWORK_BATCH, type RunConfig } from '../trainer/shared/config';
import { Run } from './run';
import { LEARNABLE, learnableConfig, TINY } from './testRun';

const data = LEARNABLE;
const config: RunConfig = learnableConfig([
  { id: 'icu', hyper: defaultHyper('icu') },
  { id: 'center', hyper: defaultHyper('center') },
]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A frame that nothing cancels. */
async function frameOf(run: Run, slice: number) {
  const made = await run.frame(slice);
  if (!made) throw new Error('the frame was cancelled');
  return made;
}

describe('Run', () => {
  it('keeps tf.memory().numTensors flat across 1,000 steps with frames, evaluations, snapshots and restores', async () => {
    // One head (ICU: the most tensors per step) and small batches keep 1,000 steps quick on cpu.
    const run = new Run({ ...config, batchSize: 4, heads: [config.heads[0]!] }, data, 'lite', TINY);
    await run.trainStep();
    const snap = await run.snapshot();
    const base = tf.memory().numTensors;
    for (let i = 0; i < 1000; i++) {
      const { losses } = await run.trainStep();
      expect(losses.every((l) => Number.isFinite(l.total))).toBe(true);
      if (i % 250 === 0) {
        await frameOf(run, 20);
        await run.evaluate(async () => true);
        await run.restore(await run.snapshot());
      }
    }
    expect(tf.memory().numTensors).toBe(base);
    await run.restore(snap);
    expect(run.step).toBe(1);
    expect(tf.memory().numTensors).toBe(base);
    run.dispose();
  }, 240_000);

  it("trains each step at the rate of its own place in the schedule: the last batch of an epoch still at that epoch's rate", async () => {
    // Two batches per epoch, ×0.1 after every epoch.
    const run = new Run(
      {
        ...config,
        trainSize: 20,
        batchSize: 10,
        heads: [config.heads[1]!],
        schedule: { kind: 'step', factor: 0.1, everyEpochs: 1 },
      },
      data,
      'lite',
      TINY,
    );
    const learner = run.learners[0]!;
    const used = vi.spyOn(learner, 'step');
    const announced: number[] = [],
      reported: number[] = [];
    for (let i = 0; i < 4; i++) {
      announced.push(run.learningRate);
      reported.push((await run.trainStep()).learningRate);
    }
    const rates = used.mock.calls.map((c) => c[2]);
    expect(rates.map((r) => Number(r.toPrecision(6)))).toEqual([0.01, 0.01, 0.001, 0.001]);
    expect(rates).toEqual(announced);
    expect(reported).toEqual(rates);
    run.dispose();
  });

  it('trains every head on the same batches from the same initial backbone', async () => {
    const run = new Run(
      {
        ...config,
        heads: [
          { id: 'softmax', hyper: {} },
          { id: 'softmax', hyper: {} },
        ],
      },
      data,
      'lite',
      TINY,
    );
    for (let i = 0; i < 3; i++) {
      const { losses } = await run.trainStep();
      expect(losses[0]).toEqual(losses[1]);
    }
    const { frame } = await frameOf(run, run.frameSampleSize);
    expect(Array.from(frame.heads[0]!.test.features)).toEqual(Array.from(frame.heads[1]!.test.features));
    expect(frame.heads[0]!.train.features.length).toBe(2 * 20);
    run.dispose();
  });

  it("a fork trains as its source's twin until its step, then takes the source's state and its own settings", async () => {
    const icu = defaultHyper('icu');
    const run = new Run(
      {
        ...config,
        heads: [
          { id: 'icu', hyper: icu },
          { id: 'icu', hyper: icu, fork: { step: 2 } },
          { id: 'icu', hyper: { ...icu, alpha: 0.5 }, fork: { step: 2 } },
        ],
      },
      data,
      'lite',
      TINY,
    );
    const initial = await run.learners[1]!.snapshot();
    for (let i = 0; i < 2; i++) {
      const { losses } = await run.trainStep();
      expect(losses[1]).toEqual(losses[0]);
      expect(losses[2]).toEqual(losses[0]);
    }
    // Set the first fork back to its initial weights: at its step it must start from the source's state all the same.
    await run.learners[1]!.restore(initial, 2);
    for (let i = 0; i < 2; i++) {
      const { losses } = await run.trainStep();
      expect(losses[1]).toEqual(losses[0]);
      expect(losses[2]!.total).not.toEqual(losses[0]!.total);
    }
    expect((await run.learners[2]!.snapshot()).hyper.alpha).toBe(0.5);
    run.dispose();
  });

  it('a fork with a learning rate of its own trains at the run’s rate until its step, then at its own', async () => {
    const softmax = { id: 'softmax' as const, hyper: {} };
    const run = new Run(
      { ...config, heads: [softmax, { ...softmax, fork: { step: 2 }, learningRate: 0.001 }] },
      data,
      'lite',
      TINY,
    );
    const used = vi.spyOn(run.learners[1]!, 'step');
    for (let i = 0; i < 4; i++) await run.trainStep();
    expect(used.mock.calls.map((c) => c[2])).toEqual([0.01, 0.01, 0.001, 0.001]);
    run.dispose();
  });

  it('frames grow from a slice of each sample, then a cycling slice refreshes them, each digit at its latest features', async () => {
    const run = new Run(config, data, 'lite', TINY);
    const first = await frameOf(run, 5);
    // One slice of each sample for two heads, not all 20 train and 50 test digits (under FRAME_TEST_POINTS).
    expect(first.embedded).toBe((5 + 5) * 2);
    expect(
      first.frame.heads.map((h) => [h.train.labels.length, h.test.labels.length, h.test.oldestStep, h.test.newestStep]),
    ).toEqual([
      [5, 5, 0, 0],
      [5, 5, 0, 0],
    ]);
    expect(run.frameCost(5)).toBe((5 + 5) * 2);
    await run.trainStep();
    const second = await frameOf(run, 5);
    expect(second.embedded).toBe((5 + 5) * 2);
    const full = (await run.fullFrame(50))!;
    for (const h of [0, 1]) {
      const test = second.frame.heads[h]!.test,
        before = first.frame.heads[h]!.test,
        now = full.heads[h]!.test;
      expect([test.labels.length, test.oldestStep, test.newestStep]).toEqual([10, 0, 1]);
      expect([now.oldestStep, now.newestStep]).toEqual([1, 1]);
      expect(Array.from(test.indices)).toEqual(Array.from(now.indices.subarray(0, 10)));
      // The first five digits kept step 0's features; the next five have step 1's.
      expect(Array.from(test.features.subarray(0, 10))).toEqual(Array.from(before.features));
      expect(Array.from(test.features.subarray(10))).toEqual(Array.from(now.features.subarray(10, 20)));
      expect(Array.from(before.features)).not.toEqual(Array.from(now.features.subarray(0, 10)));
    }
    // Ten frames of five hold all 50 test digits, the first five still at step 0; the eleventh refreshes those.
    for (let i = 0; i < 7; i++) await frameOf(run, 5);
    const tenth = (await frameOf(run, 5)).frame.heads[0]!.test;
    expect([tenth.labels.length, tenth.oldestStep, tenth.newestStep]).toEqual([50, 0, 1]);
    // The train sample, whole since the fourth frame, is refreshed at half the test sample's rate.
    expect(run.frameCost(5)).toBe((3 + 5) * 2);
    const { frame, embedded } = await frameOf(run, 5);
    expect(embedded).toBe((3 + 5) * 2);
    expect([frame.heads[0]!.test.oldestStep, frame.heads[0]!.test.newestStep]).toEqual([1, 1]);
    run.dispose();
  });

  it('a new feature mode or restored weights make the next frame embed everything, at one step', async () => {
    const run = new Run(config, data, 'lite', TINY);
    const snap = await run.snapshot();
    await frameOf(run, 5);
    await run.trainStep();
    await run.trainStep();
    expect((await frameOf(run, 5)).frame.heads[0]!.test.oldestStep).toBe(0);
    run.setFeatureMode('eval'); // unchanged: no re-embedding
    expect(run.frameCost(5)).toBe((5 + 5) * 2);
    run.setFeatureMode('train');
    expect(run.frameCost(5)).toBe((20 + 50) * 2);
    const trainMode = await frameOf(run, 5);
    expect(trainMode.embedded).toBe((20 + 50) * 2);
    expect(trainMode.frame.mode).toBe('train');
    expect([trainMode.frame.heads[1]!.train.oldestStep, trainMode.frame.heads[1]!.train.newestStep]).toEqual([2, 2]);
    await frameOf(run, 5);
    await run.restore(snap);
    const restored = await frameOf(run, 5);
    expect(restored.embedded).toBe((20 + 50) * 2);
    expect([
      restored.frame.step,
      restored.frame.heads[0]!.test.oldestStep,
      restored.frame.heads[0]!.test.newestStep,
    ]).toEqual([0, 0, 0]);
    // A cancelled frame leaves some heads' digits moved and others not: the next frame is whole.
    await frameOf(run, 5);
    let chunks = 0;
    expect(await run.frame(5, async () => ++chunks < 2)).toBeNull(); // after the first head's training slice
    expect(run.frameCost(5)).toBe((20 + 5) * 2);
    // A new run (reset) starts from its own initial weights, its samples growing again from a slice.
    const fresh = new Run({ ...config, featureMode: 'train' }, data, 'lite', TINY);
    expect(fresh.frameCost(5)).toBe((5 + 5) * 2);
    expect(Array.from((await fresh.fullFrame(50))!.heads[0]!.test.features)).toEqual(
      Array.from(restored.frame.heads[0]!.test.features),
    );
    fresh.dispose();
    run.dispose();
  });

  it('subsamples the training digits to a long tail and reports the counts per class', () => {
    const run = new Run({ ...config, imbalance: 10 }, data, 'lite', TINY);
    const counts = run.trainPerClass(data.train.labels);
    expect(counts[0]).toBe(20);
    expect(counts[9]).toBe(2);
    run.dispose();
  });

  it('reads every head’s losses back in one transfer per step', async () => {
    const heads = (['softmax', 'center', 'lsoftmax', 'lgm', 'icu'] as const).map((id) => ({
      id,
      hyper: defaultHyper(id),
    }));
    const run = new Run({ ...config, heads: heads as RunConfig['heads'] }, data, 'lite', TINY);
    const reads = [
      vi.spyOn(tf.Tensor.prototype, 'data'),
      vi.spyOn(tf.Tensor.prototype, 'dataSync'),
      vi.spyOn(tf.Tensor.prototype, 'array'),
    ];
    const { losses } = await run.trainStep();
    expect(losses).toHaveLength(5);
    expect(losses.every((l) => Number.isFinite(l.total))).toBe(true);
    expect(reads.reduce((n, r) => n + r.mock.calls.length, 0)).toBe(1);
    reads.forEach((r) => r.mockRestore());
    run.dispose();
  });

  it("trains batches of its network's size when it leaves the batch to the network (0), and of its own otherwise", async () => {
    const one = { ...config, heads: [config.heads[1]!] };
    for (const network of ['lite', 'paper'] as const)
      for (const [batchSize, want] of [
        [0, NETWORK_BATCH[network]],
        [16, 16],
      ] as const) {
        const run = new Run({ ...one, batchSize }, data, network, TINY);
        expect((await run.trainStep()).batch, `${network}, batchSize ${batchSize}`).toBe(want);
        run.dispose();
      }
    expect(NETWORK_BATCH).toEqual({ paper: 128, lite: 32 });
  });
});
