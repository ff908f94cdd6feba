import { validateHyper } from '../../loss/heads';
import { snapshotMessage, type Frame, type FromWorker, type StepMetrics } from '../shared/protocol';
import { copySnapshot, type RunSnapshot } from '../shared/runSnapshot';
import { nonFiniteFrame, nonFiniteLoss, nonFiniteSnapshot, type NonFinite } from './divergence';
import { FrameBudget } from './frameBudget';
import type { TrainingRun } from '../../learner/run';
import { yieldToEvents } from '../shared/yield';

/** A last-good snapshot is taken at least this often (and at every epoch's end). */
const SNAPSHOT_INTERVAL_MS = 10_000;

type Post = (msg: FromWorker) => void;

/** Drives one run: steps, frames, evaluations, snapshots, divergence and live settings. */
export class Driver {
  running = false;
  stepDelayMs = 0;
  private budget = new FrameBudget();
  private lastGood: RunSnapshot | null = null;
  /** Whether the run was reverted to lastGood and has not saved a snapshot since (a divergence now is a loop). */
  private reverted = false;
  private lastSnapshotAt = 0;
  private stopped = false;
  /** The rate the last step trained at (the run's rate has moved on to the next step's). */
  private lastStepRate: number | null = null;
  /** Ends the pause between steps early (a reset need not wait out the step delay). */
  private wake: (() => void) | null = null;
  /** Work on the run's tensors now in flight (a step, frame, evaluation, restore…). */
  private readonly inFlight = new Set<Promise<void>>();
  /** The end of the queue of the driver's operations (see serial). */
  private queue: Promise<void> = Promise.resolve();
  /** Between chunks of a frame or evaluation: take messages, and go on unless a new run replaced this one. */
  private readonly between = async () => {
    await yieldToEvents();
    return !this.stopped;
  };

  constructor(
    readonly run: TrainingRun,
    readonly runId: number,
    private readonly post: Post,
  ) {}

  /**
   * Restores `resume` if given, takes the first snapshot and sends the first frame: of a new run,
   * one slice of each sample (the samples grow as training goes; fill() completes them).
   */
  begin(resume?: RunSnapshot): Promise<void> {
    return this.serial(async () => {
      if (resume) await this.run.restore(resume);
      await this.saveSnapshot();
      await this.frameNow();
    });
  }

  /**
   * Stops for good (a new run replaces this one); resolves once the work in flight has
   * settled (a step finishes, an evaluation stops at its next chunk), so the run can be disposed.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running = false;
    this.wake?.();
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs `work` on the run, tracked so that stop() waits for it. */
  async track(work: () => Promise<void>): Promise<void> {
    const p = work();
    this.inFlight.add(p);
    try {
      await p;
    } finally {
      this.inFlight.delete(p);
    }
  }

  /**
   * The driver's operations run one at a time, each alone on the run's tensors, tracked so that
   * stop() waits for them; one still queued when the run stops is dropped. On WebGPU and WebGL a
   * read-back yields mid-operation, and a Step, a slider or a frame request arriving then assigned
   * the variables being read: tfjs failed with "Cannot read properties of undefined (reading
   * 'backend')". Frames and evaluations yield to messages between chunks (a whole-sample frame
   * takes seconds on a CPU), so a pause or a new run is taken at once; what a message asks of
   * the run waits its turn.
   */
  private serial(work: () => Promise<void>): Promise<void> {
    const p = this.queue.then(() => (this.stopped ? undefined : work()));
    this.queue = p.catch(() => undefined);
    return this.track(() => p);
  }

  /** A frame of the whole samples if they still grow, so that a paused run shows full panels. */
  fill(): Promise<void> {
    return this.serial(async () => {
      if (this.run.framesGrowing) await this.frameNow({ slice: this.run.frameSampleSize });
    });
  }

  /** Trains until paused or stopped, one step at a time (live settings go in between); paused, fills the samples. */
  async loop(): Promise<void> {
    while (this.running && !this.stopped) {
      await this.once();
      // A pause or stop that came during the step has nothing left to wake: don't sit out the delay.
      if (!this.running || this.stopped) break;
      await (this.stepDelayMs > 0
        ? new Promise<void>((r) => {
            this.wake = r;
            setTimeout(r, this.stepDelayMs);
          })
        : yieldToEvents());
    }
    if (!this.stopped) await this.fill();
  }

  /** One step of every head, then metrics, and a frame, evaluation or snapshot when due. */
  once(): Promise<void> {
    return this.serial(() => this.stepNow());
  }

  private async stepNow(): Promise<void> {
    const t0 = performance.now();
    const { losses, batch, endsEpoch, learningRate } = await this.run.trainStep();
    if (this.stopped) return;
    this.lastStepRate = learningRate;
    const elapsed = performance.now() - t0;
    this.budget.recordTraining(elapsed);
    const bad = nonFiniteLoss(losses);
    if (bad) return this.diverge(bad);
    const heads = losses.map((l, i) => ({ ...l, hyper: this.run.headOf(i)!.hyper }));
    const metrics: StepMetrics = {
      step: this.run.step,
      epoch: this.run.epoch,
      learningRate,
      heads,
      samplesPerSecond: batch / (elapsed / 1000),
    };
    this.post({ type: 'metrics', runId: this.runId, metrics });
    if (endsEpoch) await this.evaluate();
    if (this.stopped) return;
    if (this.budget.due(this.run.frameCost(this.frameSlice()), performance.now()) || !this.running)
      await this.frameNow();
    // A step taken by hand (paused) is saved too: a reload resumes at it.
    if (endsEpoch || !this.running || performance.now() - this.lastSnapshotAt > SNAPSHOT_INTERVAL_MS)
      await this.saveSnapshot();
  }

  /** Takes and posts a snapshot after the work in flight; unless `always`, only if the last one is of an earlier step. */
  takeSnapshot(always = true): Promise<void> {
    return this.serial(async () => {
      if (always || this.lastGood?.step !== this.run.step) await this.saveSnapshot();
    });
  }

  /** Validates and applies one hyper-parameter of one head; answers applied or refused. */
  setHyper(head: number, name: string, value: number | string): Promise<void> {
    return this.serial(() => this.setHyperNow(head, name, value));
  }

  private async setHyperNow(head: number, name: string, value: number | string): Promise<void> {
    const current = this.run.headOf(head);
    const setting = { kind: 'hyper', head, name, value } as const;
    const error = current ? validateHyper(current.id, name, value) : `there is no head ${head}`;
    if (!current || error) return this.post({ type: 'refused', runId: this.runId, setting, reason: error ?? '' });
    await this.run.setHyper(head, { ...current.hyper, [name]: value });
    this.post({ type: 'applied', runId: this.runId, setting });
  }

  /** Switches the BN mode of plotted features and sends a frame in the new mode. */
  setFeatureMode(mode: 'eval' | 'train'): Promise<void> {
    return this.serial(async () => {
      this.run.setFeatureMode(mode);
      await this.frameNow();
    });
  }

  /** Embeds a drawn digit through every head, after the step in flight, and sends its features. */
  embedDigit(pixels: Uint8Array): Promise<void> {
    return this.serial(async () => {
      const features = await this.run.embedDigit(pixels);
      if (!this.stopped) this.post({ type: 'digitEmbedded', runId: this.runId, step: this.run.step, features });
    });
  }

  /**
   * Sends a frame: by default both whole frame samples after re-embedding the slice the budget
   * affords (progressive refresh); when asked for one, up to `points` digits per sample, all
   * embedded at the current step.
   */
  sendFrame(points?: number): Promise<void> {
    return this.serial(() => this.frameNow(points === undefined ? undefined : { points }));
  }

  /** A frame of the slice the budget affords, of a given slice, or of up to `points` digits per sample at the current step. */
  private async frameNow(size: { slice: number } | { points: number } = { slice: this.frameSlice() }): Promise<void> {
    const t0 = performance.now();
    const made = 'slice' in size ? await this.run.frame(size.slice, this.between) : await this.fullFrame(size.points);
    if (!made) return;
    const { frame, embedded } = made;
    this.budget.recordFrame(embedded, performance.now() - t0, performance.now());
    const bad = nonFiniteFrame(frame);
    if (bad) return this.diverge(bad);
    if (!this.stopped) this.post({ type: 'frame', runId: this.runId, frame });
  }

  private async fullFrame(points: number): Promise<{ frame: Frame; embedded: number } | null> {
    const frame = await this.run.fullFrame(points, this.between);
    return (
      frame && { frame, embedded: frame.heads.reduce((n, h) => n + h.train.labels.length + h.test.labels.length, 0) }
    );
  }

  /** The slice the budget affords the next frame: digits of each sample, the train sample's at its own rate. */
  private frameSlice(): number {
    return this.budget.sampleSize(this.run.frameSampleSize, (slice) => this.run.frameCost(slice));
  }

  private async evaluate(): Promise<void> {
    const heads = await this.run.evaluate(this.between);
    if (heads) this.post({ type: 'evaluation', runId: this.runId, step: this.run.step, epoch: this.run.epoch, heads });
  }

  private async saveSnapshot(): Promise<void> {
    const snapshot = await this.run.snapshot();
    // A NaN can sit in weights or moments while the loss is still finite; kept, a revert would return to it.
    const bad = nonFiniteSnapshot(snapshot);
    if (bad) return this.diverge(bad);
    this.lastGood = snapshot;
    this.reverted = false;
    this.lastSnapshotAt = performance.now();
    this.post(snapshotMessage(this.runId, copySnapshot(this.lastGood)));
  }

  /**
   * Pauses, reverts every head to the last finite snapshot and says what went wrong under which
   * settings. A divergence right after such a revert (no snapshot since) is reported as happening
   * again and sends no frame: the frame of the reverted run is what may have diverged, and
   * reverting and framing once more would loop.
   */
  private async diverge(bad: NonFinite): Promise<void> {
    const step = this.run.step;
    this.running = false;
    const { id: headId, hyper } = this.run.headOf(bad.head)!;
    const learningRate = this.lastStepRate ?? this.run.learningRate;
    const again = this.reverted;
    if (this.lastGood) await this.run.restore(this.lastGood);
    this.reverted = true;
    this.post({ type: 'running', runId: this.runId, running: false });
    this.post({
      type: 'diverged',
      runId: this.runId,
      divergence: {
        head: bad.head,
        headId,
        part: bad.part,
        step,
        hyper,
        learningRate,
        revertedToStep: this.lastGood?.step ?? 0,
        again,
      },
    });
    if (!again) await this.frameNow();
  }
}
