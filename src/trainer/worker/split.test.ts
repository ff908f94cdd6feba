import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultHyper } from '../../loss/heads';
import { Run } from '../../learner/run';
import { LEARNABLE, learnableConfig, TINY } from '../../learner/testRun';
import type { RunConfig } from '../shared/config';
import { timeout } from './backend';
import { SplitRun, splittable, type HelperLink } from './split';
import { inProcessHelper as inProcess } from './testHelper';

const config: RunConfig = learnableConfig([
  { id: 'softmax', hyper: {} },
  { id: 'center', hyper: defaultHyper('center') },
  { id: 'lgm', hyper: defaultHyper('lgm') },
  { id: 'icu', hyper: defaultHyper('icu') },
]);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function open(link: HelperLink): Promise<SplitRun> {
  const { run, helperNote } = await SplitRun.open(config, LEARNABLE, 'lite', link, 1, TINY);
  expect(helperNote).toBe('in process, 1 thread');
  return run;
}

const frameHeads = async (run: Pick<Run, 'frame'>) => (await run.frame(8))!.frame.heads;

describe('SplitRun', () => {
  it('trains, frames, evaluates and snapshots exactly as one Run of all its heads', async () => {
    const whole = new Run(config, LEARNABLE, 'lite', TINY);
    const split = await open(inProcess().link);
    expect(split.headCount).toBe(4);
    for (let i = 0; i < 3; i++) expect(await split.trainStep()).toEqual(await whole.trainStep());
    expect(split.step).toBe(3);
    expect(await frameHeads(split)).toEqual(await frameHeads(whole));
    // A second frame re-embeds the next slice of each sample, in both halves alike.
    await split.trainStep();
    await whole.trainStep();
    expect(await frameHeads(split)).toEqual(await frameHeads(whole));
    expect((await split.fullFrame(10))!.heads).toEqual((await whole.fullFrame(10))!.heads);
    const yes = () => Promise.resolve(true);
    expect(await split.evaluate(yes)).toEqual(await whole.evaluate(yes));
    expect(await split.snapshot()).toEqual(await whole.snapshot());
    const pixels = LEARNABLE.test.images.slice(0, 784);
    expect(await split.embedDigit(pixels)).toEqual(await whole.embedDigit(pixels));
    expect([0, 1, 2, 3].map((i) => split.headOf(i))).toEqual([0, 1, 2, 3].map((i) => whole.headOf(i)));
    split.dispose();
    whole.dispose();
  });

  it('gives a setting to the half that trains the head, and a restore to both halves', async () => {
    const whole = new Run(config, LEARNABLE, 'lite', TINY);
    const split = await open(inProcess().link);
    const before = await split.snapshot();
    const alpha = { ...defaultHyper('icu'), alpha: 0.5 };
    await split.setHyper(3, alpha);
    await whole.setHyper(3, alpha);
    expect(split.headOf(3)!.hyper.alpha).toBe(0.5);
    expect(await split.trainStep()).toEqual(await whole.trainStep());
    expect((await split.snapshot()).learners[3]!.hyper.alpha).toBe(0.5);
    split.baseLearningRate = whole.baseLearningRate = 0.05;
    expect(await split.trainStep()).toEqual(await whole.trainStep());
    await split.restore(before);
    await whole.restore(before);
    expect(split.step).toBe(0);
    expect(split.headOf(3)!.hyper.alpha).toBe(defaultHyper('icu').alpha);
    expect(await split.trainStep()).toEqual(await whole.trainStep());
    split.dispose();
    whole.dispose();
  });

  it('a run replaced while it opened frees only its own half in the helper, not its successor’s', async () => {
    const { link } = inProcess();
    // A reset during the first open: the second run's init reaches the helper before the first is disposed.
    const [first, second] = await Promise.all([open(link), open(link)]);
    first.dispose();
    const { losses } = await second.trainStep();
    expect(losses).toHaveLength(4);
    second.dispose();
  });

  it('sends the helper MNIST with its first run only', async () => {
    const { port, link } = inProcess();
    const inits: boolean[] = [];
    const post = port.postMessage.bind(port);
    port.postMessage = (req) => {
      if (req.op === 'init') inits.push(req.data !== undefined);
      post(req);
    };
    const first = await open(link);
    first.dispose();
    const second = await open(link);
    expect(inits).toEqual([true, false]);
    expect((await second.trainStep()).losses).toHaveLength(4);
    second.dispose();
  });

  it('cancels the helper’s half of a frame or evaluation when this worker’s half is cancelled', async () => {
    const { port, link } = inProcess();
    const split = await open(link);
    const sent: string[] = [];
    const post = port.postMessage.bind(port);
    port.postMessage = (req) => {
      sent.push(req.op);
      post(req);
    };
    expect(await split.evaluate(() => Promise.resolve(false))).toBeNull();
    expect(await split.frame(8, () => Promise.resolve(false))).toBeNull();
    expect(sent).toEqual(['evaluate', 'cancel', 'frame', 'cancel']);
    expect(await split.evaluate(() => Promise.resolve(true))).toHaveLength(4);
    split.dispose();
  });

  it('stops in the helper what was asked for before a cancel, at its next chunk, and not what came after', async () => {
    const { link } = inProcess();
    const split = await open(link);
    const before = link.call({ op: 'evaluate' });
    link.send({ op: 'cancel' });
    const after = link.call({ op: 'evaluate' });
    expect(await before).toBeNull();
    expect(await after).toHaveLength(2);
    split.dispose();
  });

  it('fails its next request when the helper crashes, and says so', async () => {
    const { link, crash } = inProcess();
    const split = await open(link);
    await split.trainStep();
    crash('out of memory');
    expect(link.failed).toBe(true);
    await expect(split.trainStep()).rejects.toThrow('the helper worker crashed (out of memory)');
    split.dispose();
  });

  it('fails to open when the helper cannot start its backend, with the helper’s reason', async () => {
    const { link } = inProcess(() => Promise.reject(new Error('wasm did not start in the helper worker: no SIMD')));
    await expect(SplitRun.open(config, LEARNABLE, 'lite', link, 1, TINY)).rejects.toThrow(
      'in the helper worker: wasm did not start in the helper worker: no SIMD',
    );
  });

  it('splits only runs of two or more heads, without forks, on wasm with two cores', () => {
    expect(splittable(config, 'wasm', 2)).toBe(true);
    expect(splittable(config, 'wasm', 1)).toBe(false);
    expect(splittable(config, 'webgl', 8)).toBe(false);
    expect(splittable({ ...config, heads: [config.heads[3]!] }, 'wasm', 2)).toBe(false);
    const forked = { ...config, heads: [...config.heads, { ...config.heads[3]!, fork: { step: 5 } }] };
    expect(splittable(forked as RunConfig, 'wasm', 2)).toBe(false);
  });
});

describe('timeout', () => {
  it('leaves no timer behind once the promise settles, and names what timed out', async () => {
    vi.useFakeTimers();
    try {
      await expect(timeout(Promise.resolve(1), 60_000, 'the helper worker’s start')).resolves.toBe(1);
      expect(vi.getTimerCount()).toBe(0);
      const never = timeout(new Promise(() => undefined), 60_000, 'the helper worker’s start');
      vi.advanceTimersByTime(60_000);
      await expect(never).rejects.toThrow('the helper worker’s start timed out after 60000 ms');
    } finally {
      vi.useRealTimers();
    }
  });
});
