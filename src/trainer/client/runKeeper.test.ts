import { afterEach, describe, expect, it, vi } from 'vitest';
import { NETWORKS } from '../../model/architecture';
import { createLabStore } from '../../store/store';
import { FrameBus } from './frameBus';
import { TrainerClient } from './trainerClient';
import { DEFAULT_CONFIG, type RunConfig } from '../shared/config';
import { snapshotMessage, type FromWorker, type ToWorker } from '../shared/protocol';
import { encodeRunFile, runKey, type RunFile } from '../shared/runFile';
import type { RunSnapshot } from '../shared/runSnapshot';
import { learnerLayout } from '../../learner/snapshot';
import { forkRun, MAX_SAVED_RUNS, RunKeeper, SavedRuns, type KeyValue } from './runKeeper';

/** IndexedDB's stand-in; `failWith` makes every write throw, as a full disk does. */
class MemoryKv implements KeyValue {
  readonly data = new Map<string, unknown>();
  failWith: Error | null = null;
  async get(k: string) {
    return this.data.get(k);
  }
  async set(k: string, v: unknown) {
    if (this.failWith) throw this.failWith;
    this.data.set(k, v);
  }
  async del(k: string) {
    this.data.delete(k);
  }
}

/** A valid softmax snapshot of the lite network at `step` (each array counting from its own start, so an array out of place shows). */
function snapshotAt(step: number): RunSnapshot {
  const { sizes } = learnerLayout(NETWORKS.lite, 'softmax', {}, 10);
  const values = Object.fromEntries(
    [...sizes].map(([k, n], j) => [k, Float32Array.from({ length: n }, (_, i) => 1000 * j + i)]),
  );
  return {
    network: 'lite',
    step,
    epoch: 0,
    batchInEpoch: step,
    learningRate: 0.01,
    learners: [{ head: 'softmax', values, hyper: {}, optimizer: null }],
  };
}

const fileOf = (config: RunConfig, step: number): RunFile => ({
  savedAt: '2026-11-30T16:00:00.000Z',
  config,
  snapshot: snapshotAt(step),
  history: { lossHistory: [], evaluationHistory: [], sampleCurve: [] },
});

/** Saves as the page does: the header made here, the arrays as the worker's snapshot message brings them. */
const save = (runs: SavedRuns, file: RunFile) => runs.save(file, snapshotMessage(1, file.snapshot).body);

afterEach(() => {
  vi.useRealTimers();
});

describe('SavedRuns', () => {
  it('keeps one run per configuration, newest first, and drops the oldest beyond the limit', async () => {
    const runs = new SavedRuns(new MemoryKv());
    const configs = Array.from({ length: MAX_SAVED_RUNS + 1 }, (_, seed) => ({ ...DEFAULT_CONFIG, seed }));
    for (const c of configs.slice(0, MAX_SAVED_RUNS)) await save(runs, fileOf(c, 5));
    await save(runs, fileOf(configs[0]!, 9));
    expect((await runs.list()).map((r) => [r.key, r.step])).toEqual([
      [runKey(configs[0]!), 9],
      ...configs
        .slice(1, MAX_SAVED_RUNS)
        .reverse()
        .map((c) => [runKey(c), 5]),
    ]);
    await save(runs, fileOf(configs[MAX_SAVED_RUNS]!, 1));
    const kept = (await runs.list()).map((r) => r.key);
    expect(kept).toHaveLength(MAX_SAVED_RUNS);
    expect(kept).not.toContain(runKey(configs[1]!));
    await expect(runs.open(runKey(configs[1]!))).rejects.toThrow();
    expect((await runs.open(runKey(configs[0]!))).snapshot.step).toBe(9);
  });

  it('keeps the run file as a Blob (IndexedDB serializes a typed array on the main thread) and still opens a run kept as bytes', async () => {
    const kv = new MemoryKv();
    const runs = new SavedRuns(kv);
    const file = fileOf(DEFAULT_CONFIG, 7);
    await save(runs, file);
    const key = runKey(DEFAULT_CONFIG);
    const kept = kv.data.get(`run:${key}`);
    expect(kept).toBeInstanceOf(Blob);
    const bytes = new Uint8Array(await (kept as Blob).arrayBuffer());
    // The page's header and the worker's arrays make the same bytes as a file saved whole.
    expect(bytes).toEqual(encodeRunFile(file));
    expect(bytes.length).toBe((await runs.list())[0]!.size);
    kv.data.set(`run:${key}`, bytes);
    expect((await runs.open(key)).snapshot.step).toBe(7);
  });

  it('discards a kept run that cannot be read (an older format, a broken write) and says why', async () => {
    const kv = new MemoryKv();
    const runs = new SavedRuns(kv);
    await save(runs, fileOf(DEFAULT_CONFIG, 3));
    const key = runKey(DEFAULT_CONFIG);
    kv.data.set(`run:${key}`, new Uint8Array([1, 2, 3]));
    await expect(runs.open(key)).rejects.toThrow('not a run file of this lab');
    expect(await runs.list()).toEqual([]);
    expect(kv.data.has(`run:${key}`)).toBe(false);
  });
});

class FakeWorker {
  sent: ToWorker[] = [];
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror = null;
  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {}
  say(msg: FromWorker): void {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
}

function page(kv = new MemoryKv()) {
  const store = createLabStore(DEFAULT_CONFIG);
  const worker = new FakeWorker();
  const client = new TrainerClient(
    store.getState(),
    new FrameBus(),
    'http://x/data/',
    () => worker as unknown as Worker,
  );
  const keeper = new RunKeeper(store, client, new SavedRuns(kv), 'http://x/trained/');
  return { kv, store, worker, keeper, starts: () => worker.sent.filter((m) => m.type === 'start') };
}

describe('RunKeeper', () => {
  it('offers a kept run of the opened configuration beside the new run, keeps it safe until answered, and resumes it from its step', async () => {
    vi.useFakeTimers();
    const kv = new MemoryKv();
    await save(new SavedRuns(kv), fileOf(DEFAULT_CONFIG, 12));
    const { store, keeper, starts, worker } = page(kv);
    await keeper.begin(DEFAULT_CONFIG);
    expect(starts()).toMatchObject([{ config: DEFAULT_CONFIG }]);
    expect(store.getState().resumeOffer).toMatchObject({ step: 12, heads: ['softmax'] });
    // The new run's snapshots do not overwrite the kept run while the offer stands.
    worker.say(snapshotMessage(1, snapshotAt(3)));
    await vi.advanceTimersByTimeAsync(3000);
    expect((await new SavedRuns(kv).list()).map((r) => r.step)).toEqual([12]);
    await keeper.resume(store.getState().resumeOffer!.key);
    expect(starts()).toMatchObject([{}, { resume: { step: 12 } }]);
    expect(store.getState().resumeOffer).toBeNull();
  });

  it('Start fresh goes on with the new run, which is kept from then on', async () => {
    vi.useFakeTimers();
    const kv = new MemoryKv();
    await save(new SavedRuns(kv), fileOf(DEFAULT_CONFIG, 12));
    const { store, keeper, worker } = page(kv);
    await keeper.begin(DEFAULT_CONFIG);
    keeper.startFresh();
    expect(store.getState().resumeOffer).toBeNull();
    worker.say(snapshotMessage(1, snapshotAt(3)));
    await vi.advanceTimersByTimeAsync(3000);
    expect((await new SavedRuns(kv).list()).map((r) => r.step)).toEqual([3]);
  });

  it('starts at once when nothing is kept for the configuration', async () => {
    const { keeper, starts } = page();
    await keeper.begin({ ...DEFAULT_CONFIG, seed: 4 });
    expect(starts()).toMatchObject([{ config: { seed: 4 } }]);
  });

  it('keeps the newest snapshot, at most one write per two seconds, and lists it', async () => {
    vi.useFakeTimers();
    const { kv, store, worker, keeper } = page();
    await keeper.begin(DEFAULT_CONFIG);
    const set = vi.spyOn(kv, 'set');
    for (const step of [0, 1, 2, 3]) worker.say(snapshotMessage(1, snapshotAt(step)));
    await vi.advanceTimersByTimeAsync(10);
    expect(set.mock.calls.map((c) => c[0])).toEqual([`run:${runKey(DEFAULT_CONFIG)}`, 'index']);
    worker.say(snapshotMessage(1, snapshotAt(4)));
    await vi.advanceTimersByTimeAsync(1000);
    expect(set).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1500);
    expect(set).toHaveBeenCalledTimes(4);
    expect(store.getState().savedRuns.map((r) => r.step)).toEqual([4]);
  });

  it('says once, not at every snapshot, that a full storage keeps it from saving', async () => {
    vi.useFakeTimers();
    const { kv, store, worker, keeper } = page();
    await keeper.begin(DEFAULT_CONFIG);
    kv.failWith = new DOMException('quota', 'QuotaExceededError');
    for (const step of [1, 2, 3]) {
      worker.say(snapshotMessage(1, snapshotAt(step)));
      await vi.advanceTimersByTimeAsync(3000);
    }
    expect(store.getState().notices).toEqual([
      'Could not keep this run for a reload: the browser\'s storage is full (delete saved runs under "Saved runs" to make room).',
    ]);
    expect(store.getState().error).toBeNull();
  });
});

describe('forkRun', () => {
  const twoHeads: RunConfig = {
    ...DEFAULT_CONFIG,
    heads: [
      { id: 'softmax', hyper: {} },
      { id: 'center', hyper: { alpha: 0.5, lambda: 0.003 } },
    ],
  };
  const snapshot = (): RunSnapshot => {
    const s = snapshotAt(40);
    const center = { ...s.learners[0]!, head: 'center' as const, hyper: { alpha: 0.5, lambda: 0.01 } };
    return { ...s, learners: [s.learners[0]!, center] };
  };

  it("adds a copy of the head's learner there, with the changed settings and the step it branched at", () => {
    const s = snapshot();
    const forked = forkRun(twoHeads, s, 1, { lambda: 0.1 });
    // The settings at the snapshot (lambda 0.01, changed live) are the base; the fork changes lambda.
    expect(forked.config.heads[2]).toEqual({ id: 'center', hyper: { alpha: 0.5, lambda: 0.1 }, fork: { step: 40 } });
    expect(forked.snapshot.learners).toHaveLength(3);
    const [source, copy] = [forked.snapshot.learners[1]!, forked.snapshot.learners[2]!];
    expect(copy.hyper).toEqual({ alpha: 0.5, lambda: 0.1 });
    expect(Object.keys(copy.values)).toEqual(Object.keys(source.values));
    // Its own arrays: training one never moves the other.
    expect(copy.values[Object.keys(source.values)[0]!]).not.toBe(source.values[Object.keys(source.values)[0]!]);
    expect(s.learners).toHaveLength(2);
  });

  it('refuses a sixth head', () => {
    const five = { ...twoHeads, heads: Array.from({ length: 5 }, () => twoHeads.heads[0]!) };
    expect(() => forkRun(five, snapshot(), 0, {})).toThrow('a run trains at most 5 heads side by side');
  });
});
