import type { LabActions } from '../../store/store';
import { applySetting } from '../shared/applySetting';
import type { BackendName, RunConfig } from '../shared/config';
import type { FromWorker, ToWorker } from '../shared/protocol';
import type { RunSnapshot } from '../shared/snapshot';
import { validateConfig } from '../shared/validate';
import { Recovery } from './recovery';
import type { FrameBus } from './frameBus';
import { routeMessage } from './route';

/** Makes the training worker (a parameter so tests and tools can wrap it). */
export type WorkerFactory = () => Worker;

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

  constructor(private readonly actions: LabActions, private readonly frames: FrameBus, private readonly dataUrl: string,
    private readonly makeWorker: WorkerFactory = createTrainerWorker) {
    this.worker = this.spawn();
  }

  /**
   * Starts a new run; messages of earlier runs are ignored from now on. A config the worker would
   * refuse is refused here, with a notice, and the current run goes on: the worker's refusal would
   * come under the old run's id, which this client no longer hears. Returns whether it started.
   */
  start(config: RunConfig): boolean {
    try {
      validateConfig(config);
    } catch (e) {
      this.actions.notify(`Did not start a new run: ${e instanceof Error ? e.message : String(e)}`);
      return false;
    }
    this.runId += 1;
    this.config = config;
    this.snapshot = null;
    this.playing = config.autoplay;
    this.frames.clear();
    this.actions.startRun(config);
    this.send({ type: 'start', runId: this.runId, config, dataUrl: this.dataUrl, excludeBackends: this.lost });
    return true;
  }

  /** Resumes training. */
  play(): void { this.send({ type: 'play' }); }

  /** Pauses after the current step. */
  pause(): void { this.send({ type: 'pause' }); }

  /** One step while paused. */
  step(): void { this.send({ type: 'step' }); }

  /** Changes a head's hyper-parameter while it trains (the worker validates it). */
  setHyper(head: number, name: string, value: number | string): void { this.send({ type: 'setHyper', head, name, value }); }

  /** Changes the learning rate while training. */
  setLearningRate(value: number): void { this.send({ type: 'setLearningRate', value }); }

  /** Which BN statistics the plotted features use. */
  setFeatureMode(mode: 'eval' | 'train'): void {
    if (this.config) { this.config = { ...this.config, featureMode: mode }; this.actions.setConfig(this.config); }
    this.send({ type: 'setFeatureMode', mode });
  }

  /** Asks for a frame of up to `points` digits per sample now, outside the worker's time budget. */
  requestFrame(points: number): void { this.send({ type: 'requestFrame', points }); }

  /** Slows training down by a pause between steps. */
  setStepDelay(ms: number): void { this.send({ type: 'setStepDelay', ms }); }

  /** After a training error, starts the run again from its last snapshot in a fresh worker, as crash recovery does. */
  resume(): void {
    if (!this.config || !this.snapshot) return;
    this.actions.notify(`Resumed from step ${this.snapshot.step}.`);
    this.restart(this.config);
  }

  /** The worker in use (for tests that need to break it). */
  get currentWorker(): Worker { return this.worker; }

  /** Stops the worker for good. */
  dispose(): void { this.worker.terminate(); }

  private spawn(): Worker {
    const w = this.makeWorker();
    w.onmessage = (e: MessageEvent<FromWorker>) => this.receive(e.data);
    w.onerror = (e) => { e.preventDefault(); this.recover(`the training worker crashed (${e.message || 'unknown error'})`); };
    return w;
  }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private receive(msg: FromWorker): void {
    if (msg.runId !== this.runId) return;
    if (msg.type === 'snapshot') { this.snapshot = msg.snapshot; return; }
    if (msg.type === 'running') this.playing = msg.running;
    if (msg.type === 'backend') this.backend = msg.backend;
    if (msg.type === 'applied' && this.config) {
      this.config = applySetting(this.config, msg.setting);
      this.actions.setConfig(this.config);
    }
    if (msg.type === 'error' && msg.source === 'device') {
      if (this.backend) this.lost.push(this.backend);
      this.recover(`the ${this.backend ?? 'GPU'} device was lost (${msg.message})`);
      return;
    }
    if (msg.type === 'error' && msg.source === 'training' && this.snapshot) {
      this.actions.setError({ source: msg.source, message: msg.message, resumeStep: this.snapshot.step });
      return;
    }
    routeMessage(msg, this.actions, this.frames, this.config);
  }

  /** Replaces the worker and resumes the run from its last snapshot, with a visible notice. */
  private recover(why: string): void {
    const config = this.config;
    if (!config) { this.worker.terminate(); return; }
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
   * Replaces the worker (one whose step threw may hold broken state) and starts the run in it from
   * the last snapshot, or from the start without one, playing as it was.
   */
  private restart(config: RunConfig): void {
    this.worker.terminate();
    this.worker = this.spawn();
    this.runId += 1;
    this.actions.clearError();
    const resume = { ...config, autoplay: this.playing };
    this.send({ type: 'start', runId: this.runId, config: resume, dataUrl: this.dataUrl, resume: this.snapshot ?? undefined, excludeBackends: this.lost });
  }
}
