import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../../plot/testFrames';
import { createLabStore } from '../../store/store';
import { defaultHyper } from '../../loss/heads';
import { DEFAULT_CONFIG, type RunConfig } from '../shared/config';
import { snapshotMessage, type Frame, type FromWorker, type ToWorker } from '../shared/protocol';
import type { RunSnapshot } from '../shared/runSnapshot';
import { FrameBus } from './frameBus';
import { TrainerClient } from './trainerClient';

/** A stand-in worker that records what it is sent and lets the test speak for it. */
class FakeWorker {
  sent: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(msg: ToWorker): void {
    this.sent.push(msg);
  }
  terminate(): void {
    this.terminated = true;
  }
  say(msg: FromWorker): void {
    this.onmessage?.({ data: msg } as MessageEvent<FromWorker>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => {} } as ErrorEvent);
  }
}

const DEFAULT_ICU = defaultHyper('icu');
const snapshot: RunSnapshot = { network: 'lite', step: 7, epoch: 0, batchInEpoch: 7, learningRate: 0.01, learners: [] };

/** A frame with no heads: enough to follow its sequence number and step. */
const frame = (seq: number, step: number): Frame => ({
  seq,
  step,
  epoch: 0,
  mode: 'eval',
  heads: [],
  trainTotal: 0,
  testTotal: 0,
});

function setup() {
  const workers: FakeWorker[] = [];
  const store = createLabStore(DEFAULT_CONFIG);
  const frames = new FrameBus();
  const client = new TrainerClient(store.getState(), frames, 'http://x/data/', () => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  });
  client.start(DEFAULT_CONFIG);
  return { workers, store, frames, client };
}

describe('TrainerClient recovery', () => {
  it('replaces a crashed worker and resumes from the last snapshot, with a notice', () => {
    const { workers, store } = setup();
    const first = workers[0]!;
    first.say({
      type: 'backend',
      runId: 1,
      backend: 'cpu',
      adapter: null,
      hardwareGpu: false,
      reason: 'automatic',
      network: 'lite',
      networkReason: 'automatic',
    });
    first.say(snapshotMessage(1, snapshot));
    for (const step of [8, 9])
      first.say({
        type: 'metrics',
        runId: 1,
        metrics: {
          step,
          epoch: 0,
          learningRate: 0.01,
          heads: [{ total: 1, ce: 1, reg: 0, hyper: {} }],
          samplesPerSecond: 1,
        },
      });
    first.crash('out of memory');
    // The status line and the curves go back to the snapshot's step: steps 8 and 9 will be taken again.
    expect(store.getState()).toMatchObject({ metrics: null, startStep: 7, lossHistory: [] });
    expect(first.terminated).toBe(true);
    const start = workers[1]!.sent[0]!;
    expect(start).toMatchObject({ type: 'start', runId: 2, resume: snapshot, excludeBackends: [] });
    expect(store.getState().notices[0]).toBe(
      'the training worker crashed (out of memory). Restarted it and resumed from step 7.',
    );
  });

  it("draws the resumed run's frames, which a new worker numbers from 1 again", () => {
    const { workers, frames } = setup();
    for (let seq = 1; seq <= 5; seq++) workers[0]!.say({ type: 'frame', runId: 1, frame: frame(seq, 10 * seq) });
    workers[0]!.say(snapshotMessage(1, snapshot));
    workers[0]!.crash('out of memory');
    workers[1]!.say({ type: 'frame', runId: 2, frame: frame(1, 7) });
    expect(frames.current).toMatchObject({ seq: 1, step: 7 });
    workers[1]!.say({ type: 'frame', runId: 2, frame: frame(2, 8) });
    workers[1]!.say({ type: 'frame', runId: 2, frame: frame(1, 7) });
    expect(frames.current).toMatchObject({ seq: 2, step: 8 });
  });

  /** The worker `w` says it runs on webgpu (a hardware adapter) in run `runId`. */
  const onWebgpu = (w: FakeWorker, runId: number) =>
    w.say({
      type: 'backend',
      runId,
      backend: 'webgpu',
      adapter: 'gpu',
      hardwareGpu: true,
      reason: 'automatic',
      network: 'lite',
      networkReason: 'automatic',
    });
  const lose = (w: FakeWorker, runId: number) =>
    w.say({ type: 'error', runId, source: 'device', message: 'destroyed: Device was destroyed.' });
  const metrics = (w: FakeWorker, runId: number, step: number) =>
    w.say({ type: 'metrics', runId, metrics: { step, epoch: 0, learningRate: 0.01, heads: [], samplesPerSecond: 1 } });

  it('retries a lost device on a fresh one of the same backend, then (automatic choice) moves to the next backend', () => {
    const { workers, store } = setup();
    onWebgpu(workers[0]!, 1);
    workers[0]!.say(snapshotMessage(1, snapshot));
    lose(workers[0]!, 1);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'start', runId: 2, resume: snapshot, excludeBackends: [] });
    expect(store.getState().notices).toEqual([
      'the webgpu device was lost (destroyed: Device was destroyed.); trying a fresh webgpu device. Restarted it and resumed from step 7.',
    ]);
    onWebgpu(workers[1]!, 2);
    expect(store.getState().notices[1]).toBe('Resumed on webgpu (gpu) after the device loss.');
    // The fresh device is lost before the resumed run trains a step: the retry failed.
    lose(workers[1]!, 2);
    expect(workers[2]!.sent[0]).toMatchObject({
      type: 'start',
      runId: 3,
      resume: snapshot,
      excludeBackends: ['webgpu'],
    });
    expect(store.getState().notices[2]).toContain('after a retry; moving to the next backend');
    workers[2]!.say({
      type: 'backend',
      runId: 3,
      backend: 'wasm',
      adapter: null,
      hardwareGpu: false,
      reason: 'automatic',
      network: 'lite',
      networkReason: 'automatic',
    });
    expect(store.getState().notices[3]).toBe('Resumed on wasm after the device loss.');
    expect(store.getState().error).toBeNull();
  });

  it('counts a loss after the resumed run trained as a new one: the same backend again', () => {
    const { workers } = setup();
    onWebgpu(workers[0]!, 1);
    lose(workers[0]!, 1);
    onWebgpu(workers[1]!, 2);
    metrics(workers[1]!, 2, 8);
    lose(workers[1]!, 2);
    expect(workers[2]!.sent[0]).toMatchObject({ type: 'start', excludeBackends: [] });
  });

  it('never switches a forced backend: after a failed retry it stops, offering the switch, which resumes from the snapshot', () => {
    const { workers, store, client } = setup();
    client.start({ ...DEFAULT_CONFIG, backend: 'webgpu' });
    onWebgpu(workers[0]!, 2);
    workers[0]!.say(snapshotMessage(2, snapshot));
    lose(workers[0]!, 2);
    expect(workers[1]!.sent[0]).toMatchObject({
      type: 'start',
      runId: 3,
      config: { backend: 'webgpu' },
      excludeBackends: [],
    });
    lose(workers[1]!, 3);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.terminated).toBe(true);
    expect(store.getState().error).toEqual({
      source: 'device',
      switchTo: 'wasm',
      resumeStep: 7,
      message:
        'the webgpu device was lost (destroyed: Device was destroyed.), after a retry on a fresh device. webgpu was forced (?backend=webgpu), so the run stopped here instead of switching: switch to wasm to go on from step 7.',
    });
    client.switchBackend('wasm');
    expect(workers[2]!.sent[0]).toMatchObject({
      type: 'start',
      runId: 4,
      config: { backend: 'wasm' },
      resume: snapshot,
    });
    expect(store.getState()).toMatchObject({ error: null, config: { backend: 'wasm' } });
    expect(store.getState().notices.at(-1)).toBe('Switched to wasm; resumed from step 7.');
  });

  it("counts a forced backend that cannot start on the retry's fresh device as a failed retry", () => {
    const { workers, store, client } = setup();
    client.start({ ...DEFAULT_CONFIG, backend: 'webgpu' });
    onWebgpu(workers[0]!, 2);
    lose(workers[0]!, 2);
    workers[1]!.say({
      type: 'error',
      runId: 3,
      source: 'backend',
      message: 'backend webgpu (forced by ?backend=) is not available: no adapter',
    });
    expect(store.getState().error).toMatchObject({ source: 'device', switchTo: 'wasm' });
    expect(store.getState().error?.message).toMatch(
      /^a fresh webgpu device could not be had \(backend webgpu .*no adapter\)/,
    );
  });

  it('gives up with an error after repeated crashes', () => {
    const { workers, store } = setup();
    for (let i = 0; i < 4; i++) workers[workers.length - 1]!.crash('boom');
    expect(workers).toHaveLength(4);
    expect(store.getState().error?.message).toContain('it kept failing, so the run is stopped');
  });

  it('says when training diverged again right after a revert, and what to change', () => {
    const { workers, store } = setup();
    const divergence = {
      head: 0,
      headId: 'softmax',
      part: 'loss ce',
      step: 9,
      hyper: {},
      learningRate: 5,
      revertedToStep: 7,
    } as const;
    workers[0]!.say({ type: 'diverged', runId: 1, divergence: { ...divergence, again: false } });
    workers[0]!.say({ type: 'diverged', runId: 1, divergence: { ...divergence, again: true } });
    expect(store.getState().notices).toEqual([
      "Training diverged at step 9: softmax's loss ce went out of bounds (learning rate 5). Paused and reverted to step 7.",
      "Training diverged again after reverting to step 7: softmax's loss ce went out of bounds (learning rate 5). Paused; lower the learning rate or reset.",
    ]);
  });

  it('shows a refused message as a notice, not as an error', () => {
    const { workers, store } = setup();
    workers[0]!.say({
      type: 'rejected',
      runId: 1,
      messageType: 'setStepDelay',
      reason: 'step delay must be between 0 and 5000 ms',
    });
    workers[0]!.say({ type: 'rejected', runId: 1, messageType: null, reason: 'message must be an object with a type' });
    expect(store.getState().notices).toEqual([
      "The trainer refused a 'setStepDelay' message: step delay must be between 0 and 5000 ms",
      'The trainer refused a message without a type: message must be an object with a type',
    ]);
    expect(store.getState().error).toBeNull();
  });

  it('scores each published frame on its drawn digits; a stale frame adds nothing and a new run starts afresh', () => {
    const { workers, store, client } = setup();
    const frame = syntheticFrame(['softmax', 'icu'], 40);
    workers[0]!.say({ type: 'frame', runId: 1, frame });
    workers[0]!.say({ type: 'frame', runId: 1, frame: { ...frame, seq: frame.seq - 1, step: frame.step + 5 } });
    const curve = store.getState().sampleCurve;
    expect(curve.map((p) => [p.step, p.test.digits, p.test.heads.length])).toEqual([[frame.step, 40, 2]]);
    // The synthetic heads predict by their own rule: every drawn digit is where its class says.
    expect(curve[0]!.test.heads[1]).toBeGreaterThan(0.5);
    client.start(DEFAULT_CONFIG);
    expect(store.getState().sampleCurve).toEqual([]);
  });

  it('ignores messages of an earlier run', () => {
    const { workers, store } = setup();
    workers[0]!.say({ type: 'error', runId: 0, source: 'training', message: 'stale' });
    expect(store.getState().error).toBeNull();
  });

  it('refuses a config the worker would refuse, with a notice, and keeps the current run', () => {
    const { workers, store, client } = setup();
    workers[0]!.say({ type: 'running', runId: 1, running: true });
    expect(client.start({ ...DEFAULT_CONFIG, batchSize: -1 })).toBe(false);
    expect(workers[0]!.sent.filter((m) => m.type === 'start')).toHaveLength(1);
    expect(store.getState()).toMatchObject({ config: DEFAULT_CONFIG, phase: 'training' });
    expect(store.getState().notices).toEqual(['Did not start a new run: batchSize must be between 0 and 1024']);
    // The current run is still the one heard.
    workers[0]!.say({ type: 'running', runId: 1, running: false });
    expect(store.getState().phase).toBe('ready');
  });

  it('offers to resume a run a training error stopped from its last snapshot, in a fresh worker', () => {
    const { workers, store, client } = setup();
    workers[0]!.say(snapshotMessage(1, snapshot));
    workers[0]!.say({ type: 'running', runId: 1, running: false });
    workers[0]!.say({ type: 'error', runId: 1, source: 'training', message: 'step failed' });
    expect(store.getState().error).toEqual({ source: 'training', message: 'step failed', resumeStep: 7 });
    client.resume();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent).toMatchObject([
      { type: 'start', runId: 2, resume: snapshot, config: { autoplay: false } },
    ]);
    // Loading until the fresh worker has the run: a Step before that would reach no run and do nothing.
    expect(store.getState()).toMatchObject({ error: null, phase: 'loading', notices: ['Resumed from step 7.'] });
  });

  it('starts a run the worker asks to respawn for in a fresh worker, as it was sent, and hears only the fresh one', () => {
    const { workers, store, client } = setup();
    const fig2 = {
      ...DEFAULT_CONFIG,
      autoplay: false,
      heads: (['softmax', 'icu'] as const).map((id) => ({ id, hyper: defaultHyper(id) })) as RunConfig['heads'],
    };
    client.start(fig2, { snapshot, history: { lossHistory: [], evaluationHistory: [], sampleCurve: [] } });
    workers[0]!.say({
      type: 'respawn',
      runId: 2,
      reason: 'wasm keeps the 2 thread(s) it started with here; this run takes 1',
    });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.sent).toEqual([{ ...workers[0]!.sent[1], runId: 3 }]);
    expect(workers[1]!.sent[0]).toMatchObject({ type: 'start', resume: snapshot, config: { heads: fig2.heads } });
    workers[0]!.say({ type: 'running', runId: 2, running: true });
    expect(store.getState().phase).not.toBe('training');
    workers[1]!.say({ type: 'running', runId: 3, running: true });
    expect(store.getState()).toMatchObject({ phase: 'training', notices: [], error: null });
  });

  it('offers no resume for a training error before any snapshot', () => {
    const { workers, store } = setup();
    workers[0]!.say({ type: 'error', runId: 1, source: 'training', message: 'step failed' });
    expect(store.getState().error).toEqual({ source: 'training', message: 'step failed' });
  });

  it("shows the settings the worker runs after it reverted a divergence (the snapshot's), and says which went back", () => {
    const { workers, store } = setup();
    const icu: RunSnapshot = { ...snapshot, learners: [{ head: 'softmax', values: {}, hyper: {}, optimizer: null }] };
    workers[0]!.say(snapshotMessage(1, icu));
    workers[0]!.say({ type: 'applied', runId: 1, setting: { kind: 'learningRate', value: 10 } });
    expect(store.getState().config.learningRate).toBe(10);
    workers[0]!.say({
      type: 'diverged',
      runId: 1,
      divergence: {
        head: 0,
        headId: 'softmax',
        part: 'loss ce',
        step: 9,
        hyper: {},
        learningRate: 10,
        revertedToStep: 7,
        again: false,
      },
    });
    expect(store.getState().config.learningRate).toBe(0.01);
    expect(store.getState().notices[1]).toBe(
      'Training was reverted, so these settings are back to those of step 7: learning rate = 0.01.',
    );
  });

  it('continues a saved run: the worker restores its snapshot, the controls show its settings and the charts its curves', () => {
    const { workers, store, client } = setup();
    const saved: RunSnapshot = {
      ...snapshot,
      learningRate: 0.002,
      learners: [{ head: 'icu', values: {}, hyper: { ...DEFAULT_ICU, gamma: 0.5 }, optimizer: null }],
    };
    const history = {
      lossHistory: [{ step: 7, heads: [{ total: 1, ce: 1, reg: 0, hyper: {} }] }],
      evaluationHistory: [],
      sampleCurve: [],
    };
    expect(
      client.start({ ...DEFAULT_CONFIG, heads: [{ id: 'icu', hyper: DEFAULT_ICU }] }, { snapshot: saved, history }),
    ).toBe(true);
    expect(workers[0]!.sent.at(-1)).toMatchObject({
      type: 'start',
      runId: 2,
      resume: saved,
      config: { learningRate: 0.002, heads: [{ id: 'icu', hyper: { gamma: 0.5 } }] },
    });
    expect(store.getState()).toMatchObject({
      phase: 'loading',
      lossHistory: history.lossHistory,
      firstLosses: [1],
      config: { learningRate: 0.002 },
    });
  });

  it('saves the run as it is now: the snapshot the worker takes on request, with its settings', async () => {
    const { workers, client } = setup();
    const now = client.current();
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'takeSnapshot' });
    workers[0]!.say(snapshotMessage(1, { ...snapshot, learningRate: 0.05 }));
    expect(await now).toMatchObject({ snapshot: { step: 7 }, config: { learningRate: 0.05 } });
  });
});

describe('TrainerClient drawn digit', () => {
  it('drops the features of a digit that arrive after Clear, and shows those of the next one', () => {
    const { workers, store, client } = setup();
    const w = workers[0]!;
    const pixels = new Uint8Array(784);
    const embedded = (step: number): FromWorker => ({
      type: 'digitEmbedded',
      runId: 1,
      step,
      features: new Float32Array([step, step]),
    });
    client.embedDigit(pixels);
    w.say(embedded(1));
    expect(store.getState().drawnDigit?.step).toBe(1);
    // Clear while a later embedding of the same digit is on its way (after the step in flight).
    client.embedDigit(pixels);
    client.clearDigit();
    expect(store.getState().drawnDigit).toBeNull();
    w.say(embedded(2));
    expect(store.getState().drawnDigit).toBeNull();
    client.embedDigit(pixels);
    w.say(embedded(3));
    expect(store.getState().drawnDigit?.step).toBe(3);
  });
});
