import * as tf from '@tensorflow/tfjs';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MNIST_FILES, type Mnist } from '../../data/mnist';
import { idxImages, idxLabels } from '../../data/testFixtures';
import { TINY } from '../../learner/testRun';
import { defaultHyper } from '../../loss/heads';
import { DEFAULT_CONFIG, type RunConfig } from '../shared/config';
import type { FromWorker, ToWorker } from '../shared/protocol';
import { Run } from '../../learner/run';
import { Session } from './session';
import type { HelperPort } from './split';
import { inProcessHelper } from './testHelper';

// The worker's MessageChannel would keep Node alive after the tests; a timer yields as well here.
vi.mock('../shared/yield', () => ({ yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)) }));

// Runs split only on wasm: a test may have the cpu backend say it is wasm (tfjs still computes on cpu).
const backendName = vi.hoisted(() => ({ as: null as string | null }));
vi.mock('./backend', async (importOriginal) => {
  const real = await importOriginal<typeof import('./backend')>();
  return {
    ...real,
    chooseBackend: async (...args: Parameters<typeof real.chooseBackend>) => {
      const choice = await real.chooseBackend(...args);
      return backendName.as ? { ...choice, backend: backendName.as } : choice;
    },
  };
});

const config: RunConfig = {
  ...DEFAULT_CONFIG,
  trainSize: 40,
  testSize: 20,
  batchSize: 4,
  frameTrainPoints: 10,
  backend: 'cpu',
};
const labels = (n: number) => Array.from({ length: n }, (_, i) => i % 10);

/** Serves the four MNIST files (40 training and 20 test digits), gzipped, once `held` (if given) settles. */
function serveMnist(held?: Promise<void>): void {
  const plain = [idxImages(40), idxLabels(labels(40)), idxImages(20), idxLabels(labels(20))];
  const files = new Map<string, Uint8Array>(MNIST_FILES.map((f, i) => [f, new Uint8Array(gzipSync(plain[i]!))]));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      await held;
      return new Response(files.get(url.replace(/^\/data\//, '')) as BodyInit);
    }),
  );
}

const start = (runId: number, overrides: Partial<RunConfig> = {}): ToWorker => ({
  type: 'start',
  runId,
  config: { ...config, ...overrides },
  dataUrl: '/data/',
});

/** A promise and the function that settles it. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Waits (polling) until `cond` holds; on a timeout, says what the session posted. */
async function until(cond: () => boolean, posted: FromWorker[], ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end)
      throw new Error(
        `timed out; posted ${posted.map((m) => `${m.type} ${m.runId}${m.type === 'error' ? ` (${m.message})` : ''}`).join(', ')}`,
      );
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A session posting into a list, and a way to stop it training after a test. */
function setup() {
  const posted: FromWorker[] = [];
  const session = new Session((m) => posted.push(m), TINY);
  const ran = (runId: number, type: FromWorker['type']) => posted.some((m) => m.runId === runId && m.type === type);
  return { posted, session, ran };
}

/** Starts run 1; once its work has `entered`, starts run 2 and lets the held work go on; waits for `done`, then pauses. */
async function resetWhileHeld(
  session: Session,
  entered: ReturnType<typeof gate>,
  held: ReturnType<typeof gate>,
  done: () => boolean,
  posted: FromWorker[],
): Promise<void> {
  session.handle(start(1));
  await entered.promise;
  session.handle(start(2));
  held.open();
  await until(done, posted);
  session.handle({ type: 'pause' });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => {
  backendName.as = null;
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe('Session reset', () => {
  it('lets a step in flight finish before the run is disposed: the new run starts cleanly', async () => {
    serveMnist();
    const { posted, session, ran } = setup();
    const held = gate(),
      entered = gate();
    const trainStep = Run.prototype.trainStep;
    let calls = 0;
    vi.spyOn(Run.prototype, 'trainStep').mockImplementation(async function (this: Run, ...args) {
      if (++calls === 1) {
        entered.open();
        await held.promise;
      }
      return trainStep.apply(this, args);
    });
    await resetWhileHeld(session, entered, held, () => ran(2, 'metrics') || ran(2, 'error') || ran(1, 'error'), posted);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    expect(ran(2, 'metrics')).toBe(true);
  });

  it('lets an evaluation in flight stop before the run is disposed', async () => {
    serveMnist();
    const { posted, session, ran } = setup();
    const held = gate(),
      entered = gate();
    const evaluate = Run.prototype.evaluate;
    vi.spyOn(Run.prototype, 'evaluate').mockImplementation(async function (this: Run, between) {
      entered.open();
      await held.promise;
      return evaluate.call(this, between);
    });
    await resetWhileHeld(session, entered, held, () => ran(2, 'metrics') || ran(2, 'error') || ran(1, 'error'), posted);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    expect(posted.some((m) => m.runId === 1 && m.type === 'evaluation')).toBe(false);
  });

  it("reports an error of a replaced run under that run's id, and leaves the new run running", async () => {
    serveMnist();
    const { posted, session, ran } = setup();
    const held = gate(),
      entered = gate();
    let calls = 0;
    const trainStep = Run.prototype.trainStep;
    vi.spyOn(Run.prototype, 'trainStep').mockImplementation(async function (this: Run, ...args) {
      if (++calls === 1) {
        entered.open();
        await held.promise;
        throw new Error('step 1 failed');
      }
      return trainStep.apply(this, args);
    });
    await resetWhileHeld(session, entered, held, () => ran(2, 'metrics') && ran(1, 'error'), posted);
    const errors = posted.filter((m) => m.type === 'error');
    expect(errors).toEqual([{ type: 'error', runId: 1, source: 'training', message: 'step 1 failed' }]);
    expect(
      posted.filter((m) => m.type === 'running' && m.runId === 2).map((m) => (m as { running: boolean }).running),
    ).toEqual([true, false]);
  });
});

describe('Session protocol', () => {
  it('refuses an invalid message, naming it and why, and the run goes on unchanged', async () => {
    serveMnist();
    const { posted, session } = setup();
    const metrics = () => posted.filter((m) => m.type === 'metrics').length;
    session.receive(start(1));
    await until(() => metrics() > 0, posted);
    session.receive({ type: 'setStepDelay', ms: 1e9 });
    session.receive({ type: 'explode' });
    session.receive(null);
    session.receive({ type: 'loseDevice' });
    const seen = metrics();
    await until(() => metrics() > seen + 2, posted);
    session.receive({ type: 'pause' });
    expect(posted.filter((m) => m.type === 'rejected')).toEqual([
      { type: 'rejected', runId: 1, messageType: 'setStepDelay', reason: 'step delay must be between 0 and 5000 ms' },
      { type: 'rejected', runId: 1, messageType: 'explode', reason: 'unknown message type "explode"' },
      { type: 'rejected', runId: 1, messageType: null, reason: 'message must be an object with a type' },
      { type: 'rejected', runId: 1, messageType: 'loseDevice', reason: 'the cpu backend has no GPU device to lose' },
    ]);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    expect(posted.filter((m) => m.type === 'running').map((m) => (m as { running: boolean }).running)).toEqual([
      true,
      false,
    ]);
  });
});

describe('Session work on a run', () => {
  it('reports a lost device once; the errors that follow it are its echoes', async () => {
    serveMnist();
    const { posted, session } = setup();
    vi.spyOn(Run.prototype, 'trainStep').mockRejectedValue(new Error('GPUDevice was lost'));
    session.handle(start(1, { autoplay: false }));
    await until(() => posted.some((m) => m.type === 'frame'), posted);
    session.handle({ type: 'step' });
    session.handle({ type: 'step' });
    await until(() => posted.some((m) => m.type === 'error'), posted);
    await new Promise((r) => setTimeout(r, 50));
    expect(posted.filter((m) => m.type === 'error')).toEqual([
      { type: 'error', runId: 1, source: 'device', message: 'GPUDevice was lost' },
    ]);
  });

  it('runs Step, slider and frame requests one at a time: none starts while another awaits a read-back', async () => {
    serveMnist();
    const { posted, session } = setup();
    // As on WebGPU, where a read-back yields: every step and frame is held open for a while.
    let active = 0,
      overlaps = 0,
      steps = 0;
    const slow = <A extends unknown[], R>(f: (...a: A) => Promise<R>) =>
      async function (this: unknown, ...args: A): Promise<R> {
        if (++active > 1) overlaps++;
        try {
          await new Promise((r) => setTimeout(r, 20));
          return await f.apply(this, args);
        } finally {
          active--;
        }
      };
    const { trainStep, frame, setHyper } = Run.prototype;
    vi.spyOn(Run.prototype, 'trainStep').mockImplementation(slow(trainStep));
    vi.spyOn(Run.prototype, 'frame').mockImplementation(slow(frame));
    vi.spyOn(Run.prototype, 'setHyper').mockImplementation(slow(setHyper));
    session.handle(start(1, { autoplay: false, heads: [{ id: 'icu', hyper: defaultHyper('icu') }] }));
    await until(() => posted.some((m) => m.type === 'frame'), posted);
    for (let i = 0; i < 3; i++) session.handle({ type: 'step' });
    session.handle({ type: 'setHyper', head: 0, name: 'alpha', value: 0.5 });
    session.handle({ type: 'requestFrame', points: 5 });
    session.handle({ type: 'step' });
    await until(
      () =>
        (steps = posted.filter((m) => m.type === 'metrics').length) === 4 && posted.some((m) => m.type === 'applied'),
      posted,
    );
    expect(steps).toBe(4);
    expect(overlaps).toBe(0);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
  });
});

describe('Session split between workers', () => {
  const fig2 = {
    autoplay: false,
    heads: (['softmax', 'center', 'lgm', 'icu'] as const).map((id) => ({ id, hyper: defaultHyper(id) })),
  } as Partial<RunConfig>;

  /** Fig. 2's four heads, "on wasm", two cores, helpers from `spawn`: one step; what was posted, and the backend's reason. */
  async function stepFig2(spawn: () => HelperPort): Promise<{ posted: FromWorker[]; reason: string }> {
    serveMnist();
    backendName.as = 'wasm';
    const posted: FromWorker[] = [];
    const session = new Session((m) => posted.push(m), TINY, spawn, 2);
    session.handle(start(1, fig2));
    await until(() => posted.some((m) => m.type === 'frame'), posted);
    session.handle({ type: 'step' });
    await until(() => posted.some((m) => m.type === 'metrics'), posted);
    const metrics = posted.find((m) => m.type === 'metrics');
    expect(metrics?.type === 'metrics' && metrics.metrics.heads.length).toBe(4);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
    const backend = posted.find((m) => m.type === 'backend');
    return { posted, reason: backend?.type === 'backend' ? backend.reason : '' };
  }

  it('on wasm with two cores, trains half of a compare run in a helper and says so', async () => {
    const { posted, reason } = await stepFig2(() => inProcessHelper().port);
    expect(reason).toMatch(/; heads split between two workers \(the helper: in process, 1 thread\)$/);
    const frame = posted.find((m) => m.type === 'frame');
    expect(frame?.type === 'frame' && frame.frame.heads.map((h) => h.head)).toEqual([
      'softmax',
      'center',
      'lgm',
      'icu',
    ]);
  });

  it('hands the helper MNIST in shared memory, not a copy of its 55 MB', async () => {
    const sent: (Mnist | undefined)[] = [];
    await stepFig2(() => {
      const { port } = inProcessHelper();
      const post = port.postMessage.bind(port);
      port.postMessage = (req) => {
        if (req.op === 'init') sent.push(req.data);
        post(req);
      };
      return port;
    });
    expect(sent).toHaveLength(1);
    for (const split of [sent[0]?.train, sent[0]?.test]) {
      expect(split?.images.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(split?.labels.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });

  it("starts the helper's backend while MNIST still loads, and no helper for a run that does not split", async () => {
    const download = gate();
    serveMnist(download.promise);
    backendName.as = 'wasm';
    const posted: FromWorker[] = [];
    const prepared: number[] = [];
    const spawn = vi.fn(
      () =>
        inProcessHelper(async (threads) => {
          prepared.push(threads);
          return `in process, ${threads} thread`;
        }).port,
    );
    const session = new Session((m) => posted.push(m), TINY, spawn, 2);
    session.handle(start(1, fig2));
    await until(() => prepared.length === 1, posted);
    expect(posted.some((m) => m.type === 'backend' || m.type === 'dataset')).toBe(false);
    download.open();
    await until(() => posted.some((m) => m.type === 'frame'), posted);
    expect(prepared).toEqual([1]);
    expect(spawn).toHaveBeenCalledTimes(1);

    // One head trains in this worker alone: no helper is started.
    const alone = new Session((m) => posted.push(m), TINY, spawn, 2);
    alone.handle(start(2, { autoplay: false }));
    await until(() => posted.some((m) => m.runId === 2 && m.type === 'frame'), posted);
    expect(spawn).toHaveBeenCalledTimes(1);
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('asks for a fresh worker when a run on wasm takes other threads than the first run here, and only then', async () => {
    serveMnist();
    backendName.as = 'wasm';
    const posted: FromWorker[] = [];
    const spawn = vi.fn(() => inProcessHelper().port);
    const session = new Session((m) => posted.push(m), TINY, spawn, 2);
    const said = (runId: number) =>
      posted.find((m) => m.runId === runId && (m.type === 'backend' || m.type === 'respawn'));
    // One head takes both threads; Fig. 2 splits, one thread here and one in the helper.
    session.handle(start(1, { autoplay: false }));
    await until(() => said(1) !== undefined, posted);
    session.handle(start(2, fig2));
    await until(() => said(2) !== undefined, posted);
    expect(said(1)?.type).toBe('backend');
    expect(said(2)).toEqual({
      type: 'respawn',
      runId: 2,
      reason: 'wasm keeps the 2 thread(s) it started with here; this run takes 1',
    });
    // Fig. 2 trains in the fresh worker: no helper is started in this one, which is about to go.
    expect(spawn).not.toHaveBeenCalled();
    session.handle(start(3, { autoplay: false, heads: [{ id: 'icu', hyper: defaultHyper('icu') }] }));
    await until(() => said(3) !== undefined, posted);
    expect(said(3)?.type).toBe('backend');
    expect(posted.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('trains in one worker, saying why, when the helper cannot start', async () => {
    const { reason } = await stepFig2(() => inProcessHelper(() => Promise.reject(new Error('no wasm here'))).port);
    expect(reason).toMatch(/; one worker: the helper worker did not start \(in the helper worker: no wasm here\)$/);
  });
});
