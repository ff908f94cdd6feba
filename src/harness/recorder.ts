import type { LabActions, LabState } from '../store/store';
import type { RunConfig } from '../trainer/shared/config';
import type { EvaluationPoint, LossPoint, RunHistory } from '../trainer/shared/runFile';
import type { Divergence, StepMetrics } from '../trainer/shared/protocol';

type Waiter = () => boolean;

/** A run stopped by the worker: the error's source ('data', 'backend', …, or 'diverged') and its message. */
export class RunFailure extends Error {
  override name = 'RunFailure';
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(message);
  }
}

function describeDivergence(d: Divergence): string {
  const hyper = Object.entries(d.hyper)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return `${d.headId}'s ${d.part} went non-finite at step ${d.step} (learning rate ${d.learningRate}${hyper ? `, ${hyper}` : ''})`;
}

/**
 * The store's actions for a headless run: it keeps what the worker reported
 * instead of rendering it, and lets a caller await a condition on it.
 * A worker error or a divergence fails every waiter.
 */
export class RunRecorder implements LabActions {
  dataset: LabState['dataset'] = null;
  backend: LabState['backend'] = null;
  running = false;
  metrics: { at: number; metrics: StepMetrics }[] = [];
  evaluations: (EvaluationPoint & { at: number })[] = [];
  notices: string[] = [];
  loading = 0;
  /** The step a resumed run starts at (0 for a new run). */
  startStep = 0;
  /** A resumed run's loss curve before `startStep`; `evaluations` begin with its past evaluations. */
  pastLosses: LossPoint[] = [];
  /** When the worker last reported anything (performance.now()). */
  lastMessageAt = 0;
  private failure: RunFailure | null = null;
  private waiters = new Set<Waiter>();

  constructor(private readonly onChange: () => void = () => {}) {}

  /** Resolves with `read()`'s first defined value; rejects if the run fails first. */
  until<T>(read: () => T | undefined): Promise<T> {
    return new Promise((resolve, reject) => {
      const check: Waiter = () => {
        if (this.failure) {
          reject(this.failure);
          return true;
        }
        const value = read();
        if (value !== undefined) resolve(value);
        return value !== undefined;
      };
      if (!check()) this.waiters.add(check);
    });
  }

  /** Resolves once the worker has said nothing for `ms`; rejects if the run has failed. */
  async quiet(ms: number): Promise<void> {
    for (let wait = ms; wait > 0; wait = this.lastMessageAt + ms - performance.now()) {
      await new Promise((r) => setTimeout(r, wait));
      if (this.failure) throw this.failure;
    }
  }

  /** Re-checks the waiters; frames arrive through the frame bus, so its subscriber calls this too. */
  changed(): void {
    this.lastMessageAt = performance.now();
    for (const w of [...this.waiters]) if (w()) this.waiters.delete(w);
    this.onChange();
  }

  startRun(_config: RunConfig, resumed?: { step: number; history: RunHistory }): void {
    const at = performance.now();
    Object.assign(this, {
      dataset: null,
      backend: null,
      running: false,
      metrics: [],
      evaluations: (resumed?.history.evaluationHistory ?? []).map((e) => ({ ...e, at })),
      notices: [],
      loading: 0,
      startStep: resumed?.step ?? 0,
      pastLosses: resumed?.history.lossHistory ?? [],
    });
    this.failure = null;
  }
  setConfig(): void {}
  /** The curves so far, as a run file keeps them (the harness draws no sample curve). */
  history(): RunHistory {
    return {
      lossHistory: [...this.pastLosses, ...this.metrics.map(({ metrics: m }) => ({ step: m.step, heads: m.heads }))],
      evaluationHistory: this.evaluations.map(({ at: _, ...e }) => e),
      sampleCurve: [],
    };
  }
  /** A recovered run resumes at `step`: what came after it will come again. */
  rewind(step: number): void {
    this.metrics = this.metrics.filter((m) => m.metrics.step <= step);
    this.evaluations = this.evaluations.filter((e) => e.step <= step);
    this.changed();
  }
  setProgress(_file: string, overall: number): void {
    this.loading = overall;
    this.changed();
  }
  setDataset(d: NonNullable<LabState['dataset']>): void {
    this.dataset = d;
    this.changed();
  }
  setBackend(b: NonNullable<LabState['backend']>): void {
    this.backend = b;
    this.changed();
  }
  setRunning(running: boolean): void {
    this.running = running;
    this.changed();
  }
  addMetrics(m: StepMetrics): void {
    this.metrics.push({ at: performance.now(), metrics: m });
    this.changed();
  }
  addEvaluation(e: EvaluationPoint): void {
    this.evaluations.push({ ...e, at: performance.now() });
    this.changed();
  }
  /** Frames (and so their sample accuracies) reach the recorder through the frame bus. */
  addSamplePoint(): void {}
  /** Headless runs draw no digits. */
  setDrawnDigit(): void {}
  setDivergence(d: Divergence): void {
    this.fail(new RunFailure('diverged', `training diverged: ${describeDivergence(d)}`));
  }
  setError(e: NonNullable<LabState['error']>): void {
    this.fail(new RunFailure(e.source, e.message));
  }
  notify(notice: string): void {
    this.notices.push(notice);
  }
  setNotices(): void {}
  dismissNotice(): void {}

  private fail(f: RunFailure): void {
    this.failure = f;
    this.changed();
  }
}
