import { openMnistCache } from '../../data/fileCache';
import { inSharedMemory, loadMnist, type Mnist, type MnistProgress } from '../../data/mnist';
import type { Architecture, NetworkId } from '../../model/architecture';
import { chooseNetwork, type BackendName, type RunConfig } from '../shared/config';
import { unhandled, type ErrorSource, type FromWorker, type StartMsg, type ToWorker } from '../shared/protocol';
import { parseToWorker, settingError } from '../shared/validate';
import { chooseBackend, loseDevice, watchDevice, type BackendChoice } from './backend';
import { isDeviceLoss } from './divergence';
import { Driver } from './driver';
import { Run, type TrainingRun } from '../../learner/run';
import { HelperLink, SplitRun, splittable, splitThreads, type HelperFactory } from './split';
import { describeError } from '../../data/errors';
import { wasmThreadCount } from '../shared/wasmThreads';

type Post = (msg: FromWorker) => void;

/** The worker's state across runs: data and backend are kept; each 'start' makes a new Run and Driver. */
export class Session {
  private data: Promise<Mnist> | null = null;
  private backend: { key: string; choice: Promise<BackendChoice> } | null = null;
  private driver: Driver | null = null;
  private runId = -1;
  /** The device was lost: this worker's tfjs can no longer train (see deviceLost). */
  private lost = false;
  /** The helper worker that trains half of a split run's heads (see split.ts), once one was needed. */
  private helper: HelperLink | null = null;
  /** Why a helper could not start: later runs train in this worker alone rather than wait for another. */
  private helperFailure: string | null = null;
  /** The wasm threads asked for when wasm first started in this worker, which it keeps. */
  private wasmThreads: number | null = null;

  /**
   * @param arch narrower widths than the run's network (tests train a tiny one).
   * @param spawnHelper starts a helper worker; without it no run is split.
   * @param cores logical cores (navigator.hardwareConcurrency in a worker).
   */
  constructor(
    private readonly post: Post,
    private readonly arch?: Architecture,
    private readonly spawnHelper?: HelperFactory,
    private readonly cores = globalThis.navigator?.hardwareConcurrency ?? 1,
  ) {}

  /** Handles one received message; an invalid one is refused, naming it and why, and nothing changes. */
  receive(data: unknown): void {
    let msg: ToWorker;
    try {
      msg = parseToWorker(data);
    } catch (e) {
      const type = typeof data === 'object' && data !== null && 'type' in data ? data.type : null;
      const messageType = typeof type === 'string' ? type : null;
      this.post({
        type: 'rejected',
        runId: this.runId,
        messageType,
        reason: describeError(e),
      });
      return;
    }
    this.handle(msg);
  }

  /** Handles one validated message. */
  handle(msg: ToWorker): void {
    const d = this.driver;
    switch (msg.type) {
      case 'start':
        void this.start(msg);
        return;
      case 'play':
        this.setRunning(true);
        return;
      case 'pause':
        this.setRunning(false);
        return;
      case 'step':
        if (d && !d.running) void this.guard(d, () => d.once());
        return;
      case 'setHyper':
        if (d) void this.guard(d, () => d.setHyper(msg.head, msg.name, msg.value));
        return;
      case 'setLearningRate':
        this.setLearningRate(msg.value);
        return;
      case 'setStepDelay':
        if (d) d.stepDelayMs = msg.ms;
        return;
      case 'requestFrame':
        if (d) void this.guard(d, () => d.sendFrame(msg.points));
        return;
      case 'setFeatureMode':
        if (d) void this.guard(d, () => d.setFeatureMode(msg.mode));
        return;
      case 'takeSnapshot':
        if (d) void this.guard(d, () => d.takeSnapshot());
        return;
      case 'embedDigit':
        if (d) void this.guard(d, () => d.embedDigit(msg.pixels));
        return;
      case 'loseDevice':
        this.loseDevice();
        return;
      default:
        unhandled(msg);
    }
  }

  /** Reports an error of run `runId` under that id, and pauses it if it is still the current run. */
  fail(source: ErrorSource, e: unknown, runId = this.runId): void {
    if (runId === this.runId) this.setRunning(false);
    this.post({ type: 'error', runId, source, message: describeError(e) });
  }

  private async start(msg: StartMsg): Promise<void> {
    const { runId, config } = msg;
    this.runId = runId;
    const old = this.driver;
    this.driver = null;
    if (old) {
      // Its step or evaluation may be in flight: let it finish (an evaluation stops early) before its tensors go.
      await old.stop();
      old.run.dispose();
    }
    const loading = this.loadData(runId, msg.dataUrl);
    const choosing = this.backendFor(config, msg.excludeBackends ?? []);
    // The backend starts while MNIST loads, and so does the helper (script, tfjs, wasm) of a run
    // that will split: started after the data, they kept the first frame waiting 0.7–2 s longer.
    choosing.then(
      (c) => {
        const staysHere = runId === this.runId && !this.helperFailure && !this.takesOtherThreads(config);
        if (staysHere && this.splits(config, c.backend))
          this.helperLink().prepare(splitThreads(config.wasmThreads, this.cores));
      },
      () => undefined,
    );
    const data = await loading.catch((e) => {
      this.fail('data', e, runId);
      return null;
    });
    if (!data || runId !== this.runId) return;
    const choice = await choosing.catch((e) => {
      this.fail('backend', e, runId);
      return null;
    });
    if (!choice || runId !== this.runId) return;
    if (choice.backend === 'wasm') {
      // wasm takes its threads once per worker: a run that wants another count (one that splits
      // after one that did not, or the other way) starts in a fresh worker (docs/trainer.md).
      const threads = this.threadsFor(config);
      if (this.takesOtherThreads(config)) {
        const reason = `wasm keeps the ${this.wasmThreads} thread(s) it started with here; this run takes ${threads}`;
        this.post({ type: 'respawn', runId, reason });
        return;
      }
      this.wasmThreads ??= threads;
    }
    // A resumed run keeps the network its snapshot was trained on, even on another backend.
    const { network, reason: networkReason } = msg.resume
      ? { network: msg.resume.network, reason: 'the resumed run’s' }
      : chooseNetwork(config.network, choice.backend, choice.hardwareGpu);
    const { backend, adapter, hardwareGpu } = choice;
    let made: { run: TrainingRun; how: string };
    try {
      made = await this.makeRun(config, data, network, backend);
    } catch (e) {
      this.fail('training', e, runId);
      return;
    }
    if (runId !== this.runId) {
      made.run.dispose();
      return;
    }
    const reason = [choice.reason, made.how].filter(Boolean).join('; ');
    this.post({ type: 'backend', runId, backend, adapter, hardwareGpu, reason, network, networkReason });
    const driver = new Driver(made.run, runId, this.post);
    // Current at once, so that a start arriving while this one restores or begins stops and disposes it.
    this.driver = driver;
    const { run } = driver;
    this.post({
      type: 'dataset',
      runId,
      trainCount: data.train.count,
      testCount: data.test.count,
      trainUsed: run.pools.train.length,
      testUsed: run.pools.test.length,
      trainPerClass: run.trainPerClass(data.train.labels),
    });
    await this.guard(driver, () => driver.begin(msg.resume));
    if (this.driver !== driver) return;
    // Training grows the first frame's samples; a run that waits for Play shows them whole.
    if (config.autoplay) this.setRunning(true);
    else await this.guard(driver, () => driver.fill());
  }

  /**
   * A run of `config`: split between this worker and a helper where that trains faster (split.ts),
   * else here alone; `how` says which, for the status line. A helper that cannot start leaves the
   * run to this worker alone, and says why.
   */
  private async makeRun(
    config: RunConfig,
    data: Mnist,
    network: NetworkId,
    backend: BackendName,
  ): Promise<{ run: TrainingRun; how: string }> {
    const alone = (how: string) => ({ run: new Run(config, data, network, this.arch), how });
    if (!this.splits(config, backend)) return alone('');
    if (this.helperFailure) return alone(this.helperFailure);
    const helper = this.helperLink();
    const threads = splitThreads(config.wasmThreads, this.cores);
    try {
      const { run, helperNote } = await SplitRun.open(config, data, network, helper, threads, this.arch);
      return { run, how: `heads split between two workers (the helper: ${helperNote})` };
    } catch (e) {
      helper.close();
      this.helperFailure = `one worker: the helper worker did not start (${describeError(e)})`;
      return alone(this.helperFailure);
    }
  }

  /** Whether a run of `config` on `backend` is one to split with a helper. */
  private splits(config: RunConfig, backend: BackendName): boolean {
    return !!this.spawnHelper && splittable(config, backend, this.cores);
  }

  /** The helper worker, started anew if there is none or it crashed. */
  private helperLink(): HelperLink {
    if (!this.helper || this.helper.failed) this.helper = new HelperLink(this.spawnHelper!());
    return this.helper;
  }

  private loadData(runId: number, dataUrl: string): Promise<Mnist> {
    const progress = (p: MnistProgress): void =>
      this.post({ type: 'progress', runId, file: p.file, overall: p.overall });
    this.data ??= openMnistCache().then(async (cache) => inSharedMemory(await loadMnist(dataUrl, progress, { cache })));
    this.data.catch(() => {
      this.data = null;
    });
    return this.data;
  }

  /** Whether wasm here started on another thread count than a run of `config` takes: that run goes to a fresh worker. */
  private takesOtherThreads(config: RunConfig): boolean {
    return this.wasmThreads !== null && this.threadsFor(config) !== this.wasmThreads;
  }

  /** The wasm threads a run of `config` takes in this worker: half of them when it splits with a helper. */
  private threadsFor(config: RunConfig): number {
    return this.splits(config, 'wasm')
      ? splitThreads(config.wasmThreads, this.cores)
      : wasmThreadCount(config.wasmThreads, this.cores);
  }

  private backendFor(config: RunConfig, exclude: BackendName[]): Promise<BackendChoice> {
    const key = `${config.backend}|${exclude.join()}|${config.wasmThreads}`;
    if (!this.backend || this.backend.key !== key) {
      const choice = chooseBackend(config.backend, exclude, this.threadsFor(config));
      // Watched once per choice: a later run on the same backend uses the same device.
      void choice.then(
        (c) => watchDevice(c.backend, (why) => this.deviceLost(why)),
        () => undefined,
      );
      this.backend = { key, choice };
    }
    return this.backend.choice;
  }

  /**
   * Reports the lost device once (why: the platform's reason, or the failed kernel's error), as
   * an error of the current run, which it pauses: the client replaces this worker, whose tfjs holds
   * a dead device. Errors that follow are echoes of the loss.
   */
  private deviceLost(why: string): void {
    if (this.lost) return;
    this.lost = true;
    this.fail('device', why);
  }

  private loseDevice(): void {
    try {
      loseDevice();
    } catch (e) {
      this.post({
        type: 'rejected',
        runId: this.runId,
        messageType: 'loseDevice',
        reason: describeError(e),
      });
    }
  }

  private setLearningRate(value: number): void {
    const d = this.driver;
    const setting = { kind: 'learningRate', value } as const;
    const error = d ? settingError('learningRate', value) : 'no run is loaded';
    if (!d || error) {
      this.post({ type: 'refused', runId: this.runId, setting, reason: error ?? '' });
      return;
    }
    d.run.baseLearningRate = value;
    this.post({ type: 'applied', runId: this.runId, setting });
  }

  private setRunning(on: boolean): void {
    const d = this.driver;
    if (!d || on === d.running) return;
    d.running = on;
    this.post({ type: 'running', runId: this.runId, running: on });
    if (on) void this.guard(d, () => d.track(() => d.loop()));
    // A paused run is saved as it stands, so that a reload resumes at the very step.
    else void this.guard(d, () => d.takeSnapshot(false));
  }

  /**
   * Runs a driver's work (tracked by the driver, so a reset waits for it), turning an exception
   * into an error of that driver's run, paused if still current, or into the device's loss.
   */
  private async guard(d: Driver, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (e) {
      // The platform's signal (watchDevice) is the rule; a kernel's error text naming the loss may come first.
      if (this.lost || isDeviceLoss(e)) this.deviceLost(describeError(e));
      else this.fail('training', e, d.runId);
    }
  }
}
