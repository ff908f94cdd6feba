import { loadMnist, type Mnist } from '../../data/mnist';
import { chooseNetwork, type BackendName, type RunConfig } from '../shared/config';
import type { ErrorSource, FromWorker, ToWorker } from '../shared/protocol';
import { settingError } from '../shared/validate';
import { chooseBackend, type BackendChoice } from './backend';
import { isDeviceLoss } from './divergence';
import { Driver } from './driver';
import { Run } from './run';

type Post = (msg: FromWorker) => void;
type StartMsg = Extract<ToWorker, { type: 'start' }>;

/** The worker's state across runs: data and backend are kept; each 'start' makes a new Run and Driver. */
export class Session {
  private data: Promise<Mnist> | null = null;
  private backend: { key: string; choice: Promise<BackendChoice> } | null = null;
  private driver: Driver | null = null;
  private runId = -1;

  constructor(private readonly post: Post) {}

  /** Handles one validated message. */
  handle(msg: ToWorker): void {
    const d = this.driver;
    switch (msg.type) {
      case 'start': void this.start(msg); return;
      case 'play': this.setRunning(true); return;
      case 'pause': this.setRunning(false); return;
      case 'step': if (d && !d.running) void this.guard(() => d.once()); return;
      case 'setHyper': if (d) void this.guard(() => d.setHyper(msg.head, msg.name, msg.value)); return;
      case 'setLearningRate': this.setLearningRate(msg.value); return;
      case 'setStepDelay': if (d) d.stepDelayMs = msg.ms; return;
      case 'requestFrame': if (d) void this.guard(() => d.sendFrame(msg.points)); return;
      case 'setFeatureMode': if (d) void this.guard(() => d.setFeatureMode(msg.mode)); return;
    }
  }

  /** Reports an error of the current run and pauses it. */
  fail(source: ErrorSource, e: unknown): void {
    this.setRunning(false);
    this.post({ type: 'error', runId: this.runId, source, message: e instanceof Error ? e.message : String(e) });
  }

  private async start(msg: StartMsg): Promise<void> {
    const { runId, config } = msg;
    this.driver?.stop();
    this.driver?.run.dispose();
    this.driver = null;
    this.runId = runId;
    const data = await this.loadData(runId, msg.dataUrl).catch((e) => { this.fail('data', e); return null; });
    if (!data || runId !== this.runId) return;
    const choice = await this.backendFor(config, msg.excludeBackends ?? []).catch((e) => { this.fail('backend', e); return null; });
    if (!choice || runId !== this.runId) return;
    // A resumed run keeps the network its snapshot was trained on, even on another backend.
    const { network, reason: networkReason } = msg.resume
      ? { network: msg.resume.network, reason: 'the resumed run’s' }
      : chooseNetwork(config.network, choice.backend, choice.hardwareGpu);
    const { backend, adapter, reason } = choice;
    this.post({ type: 'backend', runId, backend, adapter, reason, network, networkReason });
    await this.guard(async () => {
      const run = new Run(config, data, network);
      if (msg.resume) await run.restore(msg.resume);
      this.driver = new Driver(run, runId, this.post);
      this.post({ type: 'dataset', runId, trainCount: data.train.count, testCount: data.test.count, trainUsed: run.pools.train.length, testUsed: run.pools.test.length, trainPerClass: run.trainPerClass(data.train.labels) });
      await this.driver.begin();
      if (config.autoplay) this.setRunning(true);
    });
  }

  private loadData(runId: number, dataUrl: string): Promise<Mnist> {
    this.data ??= loadMnist(dataUrl, (p) => this.post({ type: 'progress', runId, file: p.file, overall: p.overall }));
    this.data.catch(() => { this.data = null; });
    return this.data;
  }

  private backendFor(config: RunConfig, exclude: BackendName[]): Promise<BackendChoice> {
    const key = `${config.backend}|${exclude.join()}|${config.wasmThreads}`;
    if (!this.backend || this.backend.key !== key) this.backend = { key, choice: chooseBackend(config.backend, exclude, config.wasmThreads) };
    return this.backend.choice;
  }

  private setLearningRate(value: number): void {
    const d = this.driver;
    const setting = { kind: 'learningRate', value } as const;
    const error = d ? settingError('learningRate', value) : 'no run is loaded';
    if (!d || error) { this.post({ type: 'refused', runId: this.runId, setting, reason: error ?? '' }); return; }
    d.run.baseLearningRate = value;
    this.post({ type: 'applied', runId: this.runId, setting });
  }

  private setRunning(on: boolean): void {
    const d = this.driver;
    if (!d || on === d.running) return;
    d.running = on;
    this.post({ type: 'running', runId: this.runId, running: on });
    if (on) void this.guard(() => d.loop());
  }

  /** Runs training work, turning an exception into a reported, paused run ('device' when the GPU is gone). */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      this.fail(isDeviceLoss(e) ? 'device' : 'training', e);
    }
  }
}
