import type { LabActions } from '../../store/store';
import type { RunConfig } from '../shared/config';
import type { FromWorker, ToWorker } from '../shared/protocol';
import type { FrameBus } from './frameBus';

/** The main thread's handle on the training worker: one listener routes messages to the store and the frame bus. */
export class TrainerClient {
  private readonly worker: Worker;
  private runId = 0;

  constructor(private readonly actions: LabActions, private readonly frames: FrameBus, private readonly dataUrl: string) {
    this.worker = new Worker(new URL('../worker/main.ts', import.meta.url), { type: 'module', name: 'trainer' });
    this.worker.onmessage = (e: MessageEvent<FromWorker>) => this.route(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      this.actions.setError({ source: 'training', message: `the training worker crashed: ${e.message || 'unknown error'}` });
    };
  }

  /** Starts a new run; messages of earlier runs are ignored from now on. */
  start(config: RunConfig): void {
    this.runId += 1;
    this.frames.clear();
    this.actions.startRun(config);
    this.send({ type: 'start', runId: this.runId, config, dataUrl: this.dataUrl });
  }

  /** Resumes training. */
  play(): void { this.send({ type: 'play' }); }

  /** Pauses after the current step. */
  pause(): void { this.send({ type: 'pause' }); }

  /** One step while paused. */
  step(): void { this.send({ type: 'step' }); }

  /** Stops the worker for good. */
  dispose(): void { this.worker.terminate(); }

  private send(msg: ToWorker): void {
    this.worker.postMessage(msg);
  }

  private route(msg: FromWorker): void {
    if (msg.runId !== this.runId) return;
    const a = this.actions;
    switch (msg.type) {
      case 'progress': a.setProgress(msg.file, msg.overall); return;
      case 'dataset': a.setDataset({ trainCount: msg.trainCount, testCount: msg.testCount, trainUsed: msg.trainUsed, testUsed: msg.testUsed }); return;
      case 'backend': a.setBackend({ name: msg.backend, adapter: msg.adapter, reason: msg.reason }); return;
      case 'running': a.setRunning(msg.running); return;
      case 'metrics': a.setMetrics(msg.metrics); return;
      case 'evaluation': a.setEvaluation({ epoch: msg.epoch, step: msg.step, accuracy: msg.accuracy }); return;
      case 'frame': this.frames.publish(msg.frame); return;
      case 'error': a.setError({ source: msg.source, message: msg.message }); return;
    }
  }
}
