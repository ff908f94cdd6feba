import type { LabActions } from '../../store/store';
import { applySetting, describeSetting, settingsOf } from '../shared/applySetting';
import type { BackendName, RunConfig } from '../shared/config';
import { unhandled, type FromWorker, type ToWorker } from '../shared/protocol';
import type { RunHistory } from '../shared/runFile';
import type { RunSnapshot } from '../shared/runSnapshot';
import { validateConfig } from '../shared/validate';
import { Recovery } from './recovery';
import { DeviceLossTracker } from './deviceLoss';
import type { FrameSink } from './frameBus';
import { routeMessage } from './route';
import { describeError } from '../../data/errors';

/** Makes the training worker (a parameter so tests and tools can wrap it). */
export type WorkerFactory = () => Worker;

/** A run to continue: its state and the curves so far (a saved run, a run file, or a trained state the lab ships). */
export interface Resumable {
  snapshot: RunSnapshot;
  history: RunHistory;
  trained?: boolean;
}

/** How long Save run waits for a fresh snapshot (after the step in flight) before it keeps the last one. */
const SNAPSHOT_WAIT_MS = 30_000;

/** The default: the module worker built from src/trainer/worker/main.ts. */
export const createTrainerWorker: WorkerFactory = () =>
  new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module', name: 'trainer' });

/**
 * The main thread's handle on the training worker: one listener routes messages
 * to the store and the frame bus; the latest snapshot is kept so a crashed
 * worker (or a lost GPU device) is replaced and the run resumes from it.
 */
export class TrainerClient {
  private worker: Worker;
  private runId = 0;
  private config: RunConfig | null = null;
  private snapshot: RunSnapshot | null = null;
  private playing = false;
  private backend: BackendName | null = null;
  private readonly lost: BackendName[] = [];
  private readonly recovery = new Recovery();
  /**
   * Called with every snapshot the worker keeps, its arrays as a Blob (see snapshotMessage) and
   * the configuration it belongs to (the page saves it for a reload).
   */
  onSnapshot: ((config: RunConfig, snapshot: RunSnapshot, body: Blob) => void) | null = null;
  /** Save run waiting for a fresh snapshot. */
  private waiting: ((s: RunSnapshot) => void)[] = [];
  private readonly deviceLoss = new DeviceLossTracker();
  /** Whether the pad holds a digit: an embedding that answers a request sent before Clear is not shown. */
  private digitOnPad = false;

  constructor(
    private readonly actions: LabActions,
    private readonly frames: FrameSink,
    private readonly dataUrl: string,
    private readonly makeWorker: WorkerFactory = createTrainerWorker,
  ) {
    this.worker = this.spawn();
  }

  /**
   * Starts a new run; messages of earlier runs are ignored from now on. A config the worker would
   * refuse is refused here, with a notice, and the current run goes on: the worker's refusal would
   * come under the old run's id, which this client no longer hears. `from` continues a saved run
   * (its curves included), whose settings the controls then show. Returns whether it started.
   */
  start(config: RunConfig, from?: Resumable): boolean {
    try {
      validateConfig(config);
    } catch (e) {
      this.actions.notify(`Did not start a new run: ${describeError(e)}`);
      return false;
    }
    this.runId += 1;
    this.config = from ? settingsOf(config, from.snapshot).reduce(applySetting, config) : config;
    this.snapshot = from?.snapshot ?? null;
    this.playing = config.autoplay;
    this.frames.clear();
    this.actions.startRun(
      this.config,
      from && { step: from.snapshot.step, history: from.history, trained: from.trained ?? false },
    );
    this.send({
      type: 'start',
      runId: this.runId,
      config: this.config,
      dataUrl: this.dataUrl,
      resume: from?.snapshot,
      excludeBackends: this.lost,
    });
    return true;
  }

  /**
   * The run's state now (after the step in flight), with the configuration that goes with it; the
   * last snapshot if the worker does not answer in time; null before the first.
   */
  async current(): Promise<{ config: RunConfig; snapshot: RunSnapshot } | null> {
    const runId = this.runId;
    const fresh = await new Promise<RunSnapshot | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), SNAPSHOT_WAIT_MS);
      this.waiting.push((s) => {
        clearTimeout(timer);
        resolve(s);
      });
      this.send({ type: 'takeSnapshot' });
    });
    const snapshot = runId === this.runId ? (fresh ?? this.snapshot) : null;
    return (
      snapshot &&
      this.config && { config: settingsOf(this.config, snapshot).reduce(applySetting, this.config), snapshot }
    );
  }

  /** Resumes training. */
  play(): void {
    this.send({ type: 'play' });
  }

  /** Pauses after the current step. */
  pause(): void {
    this.send({ type: 'pause' });
  }

  /** One step while paused. */
  step(): void {
    this.send({ type: 'step' });
  }

  /** Changes a head's hyper-parameter while it trains (the worker validates it). */
  setHyper(head: number, name: string, value: number | string): void {
    this.send({ type: 'setHyper', head, name, value });
  }

  /** Changes the learning rate while training. */
  setLearningRate(value: number): void {
    this.send({ type: 'setLearningRate', value });
  }

  /** Which BN statistics the plotted features use. */
  setFeatureMode(mode: 'eval' | 'train'): void {
    if (this.config) {
      this.config = { ...this.config, featureMode: mode };
      this.actions.setConfig(this.config);
    }
    this.send({ type: 'setFeatureMode', mode });
  }

  /** Asks for a frame of up to `points` digits per sample now, outside the worker's time budget. */
  requestFrame(points: number): void {
    this.send({ type: 'requestFrame', points });
  }

  /** Asks every head to embed a drawn digit (an MNIST image); the features come back to the store. */
  embedDigit(pixels: Uint8Array): void {
    this.digitOnPad = true;
    this.send({ type: 'embedDigit', pixels });
  }

  /** The pad was cleared: its digit leaves the panels, and features of it still on their way are dropped. */
  clearDigit(): void {
    this.digitOnPad = false;
    this.actions.setDrawnDigit(null);
  }

  /** Slows training down by a pause between steps. */
  setStepDelay(ms: number): void {
    this.send({ type: 'setStepDelay', ms });
  }

  /** After a training error, starts the run again from its last snapshot in a fresh worker, as crash recovery does. */
  resume(): void {
    if (!this.config || !this.snapshot) return;
    this.actions.notify(`Resumed from step ${this.snapshot.step}.`);
    this.restart(this.config);
  }

  /**
   * After a forced backend lost its device twice, resumes the run from its last snapshot on
   * `backend` (the error's offer), which the run's settings (and so the URL) take from now on.
   */
  switchBackend(backend: BackendName): void {
    if (!this.config) return;
    this.config = { ...this.config, backend };
    this.actions.setConfig(this.config);
    this.actions.notify(
      `Switched to ${backend}; resumed from ${this.snapshot ? `step ${this.snapshot.step}` : 'the start'}.`,
    );
    this.restart(this.config);
  }

  /** Stops the worker for good. */
  dispose(): void {
    this.worker.terminate();
  }

  private spawn(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      this.recover(`the training worker crashed (${e.message || 'unknown error'})`);
    };
    return w;
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    if (msg.runId !== this.runId) return;
    if (msg.type === 'respawn') {
      // wasm keeps the thread count it started with, and this run takes another (a split run takes half).
      if (this.config) this.restart(this.config);
      return;
    }
    if (msg.type === 'snapshot') {
      this.snapshot = msg.snapshot;
      this.waiting.splice(0).forEach((resolve) => resolve(msg.snapshot));
      this.frames.snapshot?.(msg.snapshot);
      if (this.config) this.onSnapshot?.(this.config, msg.snapshot, msg.body);
      return;
    }
    if (msg.type === 'digitEmbedded' && !this.digitOnPad) return;
    if (msg.type === 'running') this.playing = msg.running;
    if (msg.type === 'backend') {
      this.backend = msg.backend;
      const notice = this.deviceLoss.resumedOn(`${msg.backend}${msg.adapter ? ` (${msg.adapter})` : ''}`);
      if (notice) this.actions.notify(notice);
    }
    if (msg.type === 'metrics') this.deviceLoss.trained();
    if (msg.type === 'applied' && this.config) {
      this.config = applySetting(this.config, msg.setting);
      this.actions.setConfig(this.config);
    }
    // A forced backend that cannot start on the fresh device of a retry has failed that retry too
    // (an automatic choice moves on by itself; its backend error means that nothing works).
    const forcedRetry = this.deviceLoss.pending && this.config?.backend !== 'auto';
    if (msg.type === 'error' && (msg.source === 'device' || (msg.source === 'backend' && forcedRetry))) {
      this.deviceLost(msg.source, msg.message);
      return;
    }
    if (msg.type === 'error' && msg.source === 'training' && this.snapshot) {
      this.actions.setError({ source: msg.source, message: msg.message, resumeStep: this.snapshot.step });
      return;
    }
    routeMessage(msg, this.actions, this.frames, this.config);
    if (msg.type === 'diverged' && this.snapshot) this.adopt(this.snapshot, 'Training was reverted');
  }

  /**
   * Applies the device-loss policy (deviceLoss.ts) to a lost device, or to a backend that could not
   * start on the fresh device of a retry: a fresh device of the same backend, the next backend
   * (automatic choice), or a stop that offers the switch (forced backend).
   */
  private deviceLost(source: 'device' | 'backend', message: string): void {
    const backend = this.backend;
    if (!this.config || !backend) {
      this.recover(`the GPU device was lost (${message})`);
      return;
    }
    const what =
      source === 'device'
        ? `the ${backend} device was lost (${message})`
        : `a fresh ${backend} device could not be had (${message})`;
    const from = this.snapshot ? `step ${this.snapshot.step}` : 'the start';
    const action = this.deviceLoss.decide(this.config.backend, backend);
    switch (action.kind) {
      case 'retry':
        this.recover(`${what}; trying a fresh ${backend} device`);
        return;
      case 'next':
        this.lost.push(backend);
        this.recover(`${what}, after a retry; moving to the next backend`);
        return;
      case 'stop':
        this.worker.terminate();
        this.actions.setError({
          source: 'device',
          switchTo: action.offer,
          ...(this.snapshot ? { resumeStep: this.snapshot.step } : {}),
          message: `${what}, after a retry on a fresh device. ${backend} was forced (?backend=${backend}), so the run stopped here instead of switching: switch to ${action.offer} to go on from ${from}.`,
        });
        return;
      default:
        unhandled(action);
    }
  }

  /** Replaces the worker and resumes the run from its last snapshot, with a visible notice. */
  private recover(why: string): void {
    const config = this.config;
    if (!config) {
      this.worker.terminate();
      return;
    }
    if (!this.recovery.allow(Date.now())) {
      this.worker.terminate();
      this.actions.setError({ source: 'training', message: `${why}; it kept failing, so the run is stopped` });
      return;
    }
    const from = this.snapshot ? `step ${this.snapshot.step}` : 'the start';
    this.actions.notify(`${why}. Restarted it and resumed from ${from}.`);
    this.restart(config);
  }

  /**
   * Replaces the worker (one whose step threw may hold broken state, or whose wasm has the wrong
   * thread count) and starts the run in it from the last snapshot, or from the start without one,
   * playing as it was.
   */
  private restart(config: RunConfig): void {
    this.worker.terminate();
    this.worker = this.spawn();
    this.runId += 1;
    if (this.snapshot) this.adopt(this.snapshot, 'The run resumed from its snapshot');
    this.actions.rewind(this.snapshot?.step ?? 0);
    const resume = { ...(this.config ?? config), autoplay: this.playing };
    this.send({
      type: 'start',
      runId: this.runId,
      config: resume,
      dataUrl: this.dataUrl,
      resume: this.snapshot ?? undefined,
      excludeBackends: this.lost,
    });
  }

  /**
   * Shows what the worker now runs: a run restored from a snapshot trains with the snapshot's
   * hyper-parameters and learning rate, which may be older than the controls'. Says which went back.
   */
  private adopt(snapshot: RunSnapshot, why: string): void {
    if (!this.config) return;
    const back = settingsOf(this.config, snapshot);
    if (!back.length) return;
    this.config = back.reduce(applySetting, this.config);
    this.actions.setConfig(this.config);
    const said = back.map((b) => describeSetting(this.config!, b)).join(', ');
    this.actions.notify(`${why}, so these settings are back to those of step ${snapshot.step}: ${said}.`);
  }
}
