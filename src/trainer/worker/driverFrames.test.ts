import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
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
  it('takes messages while it embeds the whole samples, and a new run cancels that frame', async () => {
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
    expect(frames.map((f) => [f.seq, f.mode, f.heads[1]!.test.labels.length])).toEqual([
      [1, 'eval', 1200],
      [2, 'train', 1200],
    ]);
    // The train-mode frame embedded everything again, in its own mode.
    const [evalFrame, trainFrame] = frames;
    expect(Array.from(trainFrame!.heads[0]!.test.features)).not.toEqual(Array.from(evalFrame!.heads[0]!.test.features));
    run.dispose();
  });
});
