import { loadMnist, type Mnist } from '../../data/mnist';
import { DataFileError } from '../../data/errors';
import type { RunConfig } from '../shared/config';
import type { ErrorSource, FromWorker, ToWorker } from '../shared/protocol';
import { chooseBackend, type BackendChoice } from './backend';
import { FrameBudget } from './frameBudget';
import { Run } from './run';
import { yieldToEvents } from './yield';

type Post = (msg: FromWorker) => void;

/** The worker's state across runs: data and backend are kept; each 'start' makes a new Run. */
export class Session {
  private data: Promise<Mnist> | null = null;
  private backend: { request: RunConfig['backend']; choice: Promise<BackendChoice> } | null = null;
  private run: Run | null = null;
  private runId = -1;
  private running = false;
  private budget = new FrameBudget();

  constructor(private readonly post: Post) {}

  /** Handles one validated message. */
  handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'start': void this.start(msg.runId, msg.config, msg.dataUrl); return;
      case 'play': this.setRunning(true); return;
      case 'pause': this.setRunning(false); return;
      case 'step': if (!this.running) void this.guard(() => this.trainOnce()); return;
    }
  }

  /** Reports an error of this session's current run. */
  fail(source: ErrorSource, e: unknown): void {
    this.setRunning(false);
    this.post({ type: 'error', runId: this.runId, source, message: e instanceof Error ? e.message : String(e) });
  }

  private async start(runId: number, config: RunConfig, dataUrl: string): Promise<void> {
    this.running = false;
    this.runId = runId;
    this.run?.dispose();
    this.run = null;
    const data = await this.loadData(runId, dataUrl).catch((e) => { this.fail(e instanceof DataFileError ? 'data' : 'data', e); return null; });
    if (!data || runId !== this.runId) return;
    const choice = await this.backendFor(config.backend).catch((e) => { this.fail('backend', e); return null; });
    if (!choice || runId !== this.runId) return;
    this.post({ type: 'backend', runId, ...choice });
    this.run = new Run(config, data);
    this.budget = new FrameBudget();
    this.post({ type: 'dataset', runId, trainCount: data.train.count, testCount: data.test.count, ...this.run.sizes });
    await this.guard(() => this.sendFrame(this.run!));
    if (config.autoplay) this.setRunning(true);
  }

  private loadData(runId: number, dataUrl: string): Promise<Mnist> {
    this.data ??= loadMnist(dataUrl, (p) => this.post({ type: 'progress', runId, file: p.file, overall: p.overall }));
    this.data.catch(() => { this.data = null; });
    return this.data;
  }

  private backendFor(request: RunConfig['backend']): Promise<BackendChoice> {
    if (!this.backend || this.backend.request !== request) this.backend = { request, choice: chooseBackend(request) };
    return this.backend.choice;
  }

  private setRunning(on: boolean): void {
    if (on === this.running || (on && !this.run)) return;
    this.running = on;
    this.post({ type: 'running', runId: this.runId, running: on });
    if (on) void this.loop(this.runId);
  }

  private async loop(runId: number): Promise<void> {
    while (this.running && runId === this.runId) {
      if (!(await this.guard(() => this.trainOnce()))) return;
      await yieldToEvents();
    }
  }

  /** One step, its metrics, a frame when the budget allows, an evaluation at each epoch's end. */
  private async trainOnce(): Promise<void> {
    const run = this.run;
    if (!run) return;
    const t0 = performance.now();
    const { metrics, endsEpoch } = await run.step();
    this.budget.recordTraining(performance.now() - t0);
    if (!Number.isFinite(metrics.loss)) throw new Error(`the loss became ${metrics.loss} at step ${metrics.step}; lower the learning rate`);
    this.post({ type: 'metrics', runId: this.runId, metrics });
    if (endsEpoch) await this.evaluate(run);
    const n = this.budget.sampleSize(run.frameOrder.length);
    if (this.budget.due(n, performance.now()) || !this.running) await this.sendFrame(run);
  }

  private async sendFrame(run: Run): Promise<void> {
    const n = this.budget.sampleSize(run.frameOrder.length);
    const t0 = performance.now();
    const frame = await run.frame(n);
    this.budget.recordFrame(n, performance.now() - t0, performance.now());
    if (run === this.run) this.post({ type: 'frame', runId: this.runId, frame });
  }

  private async evaluate(run: Run): Promise<void> {
    const acc = await run.evaluate(async () => { await yieldToEvents(); return run === this.run; });
    if (acc !== null) this.post({ type: 'evaluation', runId: this.runId, step: run.learner.steps, epoch: run.epoch, accuracy: acc });
  }

  /** Runs training work, turning an exception into a reported, paused run. */
  private async guard(work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      return true;
    } catch (e) {
      this.fail('training', e);
      return false;
    }
  }
}
