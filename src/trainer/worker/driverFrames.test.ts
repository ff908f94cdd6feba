import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Mnist, Split } from '../../data/mnist';
import { defaultHyper } from '../../loss/heads';
import { TINY } from '../../learner/testRun';
import { DEFAULT_CONFIG, type RunConfig } from '../shared/config';
import type { FromWorker } from '../shared/protocol';
import { Driver } from './driver';
import { Run } from '../../learner/run';
import { yieldToEvents } from '../shared/yield';

/** Digits of ten flat shades: enough for frames, which only embed. */
function split(count: number): Split {
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = new Uint8Array(count * 784).map((_, p) => 25 * labels[Math.floor(p / 784)]!);
  return { count, images, labels };
}

// 1,200 test digits (under FRAME_TEST_POINTS): a whole-sample frame embeds them in three chunks per head.
const data: Mnist = { train: split(300), test: split(1200) };
const config: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 300,
  testSize: 1200,
  batchSize: 8,
  frameTrainPoints: 300,
  heads: [
    { id: 'softmax', hyper: {} },
    { id: 'icu', hyper: defaultHyper('icu') },
  ],
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** A driver of a fresh run and what it posts. */
function setup() {
  const run = new Run(config, data, 'lite', TINY),
    posted: FromWorker[] = [];
  return { run, posted, driver: new Driver(run, 1, (m) => posted.push(m)) };
}

describe('Driver frames', () => {
  it('takes messages while it embeds the first frame, and a new run cancels that frame', async () => {
    const { run, posted, driver } = setup();
    let done = false;
    const begin = driver.begin().then(() => {
      done = true;
    });
    // A message's turn: it comes while the first frame is still embedding.
    await yieldToEvents();
    expect(done).toBe(false);
    driver.stop();
    await begin;
    expect(posted.map((m) => m.type)).toEqual(['snapshot']);
    run.dispose();
  });

  it('what a message asks for waits for the frame in progress: frames never mix feature modes', async () => {
    const { run, posted, driver } = setup();
    const begin = driver.begin();
    await yieldToEvents();
    const switched = driver.setFeatureMode('train');
    await Promise.all([begin, switched]);
    const frames = posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []));
    // The first frame is one slice of the sample (FrameBudget's first, 128 digits); the train-mode frame embedded everything, in its own mode.
    expect(frames.map((f) => [f.seq, f.mode, f.heads[1]!.test.labels.length])).toEqual([
      [1, 'eval', 128],
      [2, 'train', 1200],
    ]);
    const [evalFrame, trainFrame] = frames;
    expect(Array.from(trainFrame!.heads[0]!.test.features.subarray(0, 256))).not.toEqual(
      Array.from(evalFrame!.heads[0]!.test.features),
    );
    run.dispose();
  });
  it('a new run’s first frame is one slice of each sample; fill() sends them whole, once', async () => {
    const { run, posted, driver } = setup();
    await driver.begin();
    await driver.fill();
    await driver.fill(); // nothing grows any more: no frame
    const frames = posted.flatMap((m) => (m.type === 'frame' ? [m.frame] : []));
    expect(frames.map((f) => [f.step, f.heads[1]!.train.labels.length, f.heads[1]!.test.labels.length])).toEqual([
      [0, 128, 128],
      [0, 300, 1200],
    ]);
    run.dispose();
  });

  it('training grows the samples, and a pause fills them', async () => {
    const { run, posted, driver } = setup();
    await driver.begin();
    const testDigits = () => posted.flatMap((m) => (m.type === 'frame' ? [m.frame.heads[0]!.test.labels.length] : []));
    const fill = vi.spyOn(driver, 'fill');
    driver.running = true;
    const loop = driver.loop();
    while (testDigits().length < 3) await yieldToEvents();
    driver.running = false;
    await loop;
    const sizes = testDigits();
    // How far each slice grows them depends on the budget, which times the frames; they never shrink.
    expect(sizes[0]).toBe(128);
    expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
    expect(sizes.at(-1)).toBe(1200);
    expect(fill).toHaveBeenCalledTimes(1);
    run.dispose();
  });
});
