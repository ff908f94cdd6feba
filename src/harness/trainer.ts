import { FrameBus } from '../trainer/client/frameBus';
import { TrainerClient } from '../trainer/client/trainerClient';
import { RunRecorder } from './recorder';

/** Where a headless run is, as the Node scripts draw it in the terminal. */
export interface Progress {
  phase: 'loading' | 'training';
  /** Share of MNIST downloaded and decoded, 0..1. */
  loaded: number;
  step: number;
  /** Steps the caller waits for, once the dataset (and so the steps per epoch) is known. */
  totalSteps: number | null;
  /** The latest evaluation (every head's test accuracy), so a long run's epochs are on record as they end. */
  evaluation: { epoch: number; step: number; accuracy: number[] } | null;
}

/**
 * The app's own TrainerClient and worker, with a recorder in place of the store.
 * One per page: the worker keeps MNIST loaded across runs (seeds).
 */
export class HarnessTrainer {
  readonly frames = new FrameBus();
  readonly recorder: RunRecorder;
  readonly client: TrainerClient;
  /** Set by the caller of a run, so progress can say how far it is. */
  totalSteps: number | null = null;

  constructor(report: (p: Progress) => void) {
    this.recorder = new RunRecorder(() => report(this.progress()));
    this.frames.subscribe(() => this.recorder.changed());
    // Absolute, as in the app: a module worker resolves relative URLs against its own script.
    const dataUrl = new URL(`${import.meta.env.BASE_URL}data/`, window.location.href).href;
    this.client = new TrainerClient(this.recorder, this.frames, dataUrl);
  }

  private progress(): Progress {
    const r = this.recorder;
    const step = r.metrics.at(-1)?.metrics.step ?? 0;
    const e = r.evaluations.at(-1);
    const evaluation = e ? { epoch: e.epoch, step: e.step, accuracy: e.heads.map((h) => h.accuracy) } : null;
    return {
      phase: r.dataset ? 'training' : 'loading',
      loaded: r.loading,
      step,
      totalSteps: this.totalSteps,
      evaluation,
    };
  }
}
