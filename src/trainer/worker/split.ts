import type { Mnist } from '../../data/mnist';
import type { Architecture, NetworkId } from '../../model/architecture';
import type { BnMode } from '../../model/backbone';
import { Run, type RunHead, type TrainingRun } from '../../learner/run';
import type { RunConfig } from '../shared/config';
import { unhandled, type Frame } from '../shared/protocol';
import { timeout } from './backend';
import { wasmThreadCount } from '../shared/wasmThreads';
import type { RunSnapshot } from '../shared/runSnapshot';
import { yieldToEvents } from '../shared/yield';
import { describeError } from '../../data/errors';

/**
 * Why a run's heads train in two workers: on wasm most of a lite step is element-wise passes that
 * run on one thread, so one worker leaves the second core idle while the heads train one after
 * another (docs/performance.md, "Why not two threads' worth of speed?"). A SplitRun trains the first
 * half of the heads in the trainer worker and the rest in a helper worker it starts, in lockstep:
 * both take every step on the same batch, and every frame, evaluation and snapshot is both halves'
 * put together, so the driver and the page see one run. Heads do not interact (each has its own
 * network, seeded alone: see Learner), so the halves are exactly the whole run's heads.
 */

/** What the trainer worker asks of its helper; each request gets one reply with its id. */
export type HelperCall =
  /**
   * A new run of the helper's heads, called `key` (the last run's is freed); `data` only if the
   * helper has none yet.
   */
  | {
      op: 'init';
      key: number;
      config: RunConfig;
      data?: Mnist;
      network: NetworkId;
      arch?: Architecture;
      threads: number;
    }
  /** Starts the helper's backend (wasm on `threads` threads) ahead of its first run, while MNIST still loads. */
  | { op: 'prepare'; threads: number }
  | { op: 'trainStep'; baseLearningRate: number }
  | { op: 'frame'; slice: number }
  | { op: 'fullFrame'; points: number }
  | { op: 'evaluate' }
  | { op: 'snapshot' }
  | { op: 'restore'; snapshot: RunSnapshot }
  | { op: 'embedDigit'; pixels: Uint8Array }
  | { op: 'setHyper'; head: number; hyper: Record<string, number | string> }
  | { op: 'setFeatureMode'; mode: BnMode }
  /** Frees run `key`, if it is still the helper's (a newer run may have replaced it already). */
  | { op: 'dispose'; key: number }
  /**
   * Stops the frames and evaluations asked for before it at their next chunk (they answer null):
   * taken as it arrives, not in turn, so a reset need not wait for the helper's half of an evaluation.
   */
  | { op: 'cancel' };

/** What each request answers (null: nothing but that it is done). */
interface HelperResults {
  init: string;
  prepare: string;
  trainStep: Awaited<ReturnType<Run['trainStep']>>;
  frame: Awaited<ReturnType<Run['frame']>>;
  fullFrame: Frame | null;
  evaluate: Awaited<ReturnType<Run['evaluate']>>;
  snapshot: RunSnapshot;
  restore: null;
  embedDigit: Float32Array;
  setHyper: null;
  setFeatureMode: null;
  dispose: null;
  cancel: null;
}

export type HelperRequest = HelperCall & { id: number };
export type HelperReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

/** How long a helper may take to load, start wasm and take its half of a run (MNIST included) before the run goes on without it. */
const HELPER_START_MS = 60_000;

/** A helper worker as the trainer worker sees it (a Worker in the browser; an in-process pair in tests). */
export interface HelperPort {
  postMessage(msg: HelperRequest): void;
  onmessage: ((e: MessageEvent<HelperReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Starts a helper worker. */
export type HelperFactory = () => HelperPort;

/** Whether a run on this backend is worth splitting: wasm, at least two heads, no forks (a fork reads its source's state), two cores. */
export function splittable(config: RunConfig, backend: string, cores: number): boolean {
  return backend === 'wasm' && cores >= 2 && config.heads.length >= 2 && config.heads.every((h) => !h.fork);
}

/**
 * The wasm threads of each worker of a split run: half of what one worker would take. Two workers
 * of one thread each beat this worker on two and the helper on one (docs/performance.md).
 */
export function splitThreads(wasmThreads: number, cores: number): number {
  return Math.max(1, Math.floor(wasmThreadCount(wasmThreads, cores) / 2));
}

/**
 * The helper worker's side: one Run of the heads it was given, answering requests one at a time in
 * the order they came. `prepare` makes its backend current (wasm on `threads` threads) before the
 * first Run; it returns how the backend runs, for the status line.
 */
export class HelperHost {
  private run: Run | null = null;
  private key = -1;
  private data: Mnist | null = null;
  private prepared: Promise<string> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Requests with a lower id are cancelled (see the 'cancel' request). */
  private cancelBelow = 0;

  constructor(
    private readonly reply: (msg: HelperReply) => void,
    private readonly prepare: (threads: number) => Promise<string>,
  ) {}

  receive(req: HelperRequest): void {
    if (req.op === 'cancel') {
      this.cancelBelow = req.id;
      return this.reply({ id: req.id, ok: true, value: null });
    }
    this.queue = this.queue.then(async () => {
      try {
        this.reply({ id: req.id, ok: true, value: await this.handle(req) });
      } catch (e) {
        this.reply({ id: req.id, ok: false, message: describeError(e) });
      }
    });
  }

  private async handle(req: HelperRequest): Promise<unknown> {
    if (req.op === 'init' || req.op === 'prepare') {
      this.prepared ??= this.prepare(req.threads);
      const note = await this.prepared;
      if (req.op === 'prepare') return note;
      this.data = req.data ?? this.data;
      if (!this.data) throw new Error('the helper was sent no MNIST');
      this.run?.dispose();
      this.run = new Run(req.config, this.data, req.network, req.arch);
      this.key = req.key;
      return note;
    }
    if (req.op === 'dispose') {
      if (req.key !== this.key) return null;
      this.run?.dispose();
      this.run = null;
      return null;
    }
    const run = this.run;
    if (!run) throw new Error(`the helper has no run for ${req.op}`);
    // Between chunks: take messages (a cancel among them), and go on unless this request was cancelled.
    const between = async () => {
      await yieldToEvents();
      return req.id >= this.cancelBelow;
    };
    switch (req.op) {
      case 'trainStep':
        run.baseLearningRate = req.baseLearningRate;
        return run.trainStep();
      case 'frame':
        return run.frame(req.slice, between);
      case 'fullFrame':
        return run.fullFrame(req.points, between);
      case 'evaluate':
        return run.evaluate(between);
      case 'snapshot':
        return run.snapshot();
      case 'restore':
        await run.restore(req.snapshot);
        return null;
      case 'embedDigit':
        return run.embedDigit(req.pixels);
      case 'setHyper':
        await run.setHyper(req.head, req.hyper);
        return null;
      case 'setFeatureMode':
        run.setFeatureMode(req.mode);
        return null;
      case 'cancel': // taken as it arrives, in receive()
        return null;
      default:
        return unhandled(req);
    }
  }
}

/**
 * The trainer worker's link to its helper: requests with ids, their replies, and the helper's
 * crash, which fails every request from then on. One link serves the session's runs one after
 * another, so the helper starts its backend and receives MNIST once.
 */
export class HelperLink {
  private nextId = 0;
  private runs = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;
  /** Whether the helper holds MNIST already (it keeps the last it was sent). */
  private hasData = false;

  constructor(private readonly port: HelperPort) {
    port.onmessage = (e) => this.settle(e.data);
    port.onerror = (e) => {
      e.preventDefault();
      this.fail(new Error(`the helper worker crashed (${e.message || 'unknown error'})`));
    };
  }

  /**
   * Hands the helper a run of its own, under a new key, with MNIST the first time; resolves with
   * how the helper's backend runs, or rejects if that takes longer than `ms`.
   */
  async open(run: Omit<Extract<HelperCall, { op: 'init' }>, 'op' | 'key' | 'data'>, data: Mnist, ms: number) {
    const key = (this.runs += 1);
    const init = this.call({ op: 'init', key, ...run, ...(this.hasData ? {} : { data }) });
    const note = await timeout(init, ms, 'the helper worker’s start');
    this.hasData = true;
    return { key, note };
  }

  /** Starts the helper's backend before its first run; a failure shows when the run opens. */
  prepare(threads: number): void {
    this.send({ op: 'prepare', threads });
  }

  /** Whether the helper crashed (or was closed): a new run needs a new helper. */
  get failed(): boolean {
    return this.failure !== null;
  }

  call<K extends HelperCall['op']>(req: Extract<HelperCall, { op: K }>): Promise<HelperResults[K]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ ...req, id });
    });
  }

  /** A request whose answer nobody waits for (a failure shows on the next request). */
  send(req: HelperCall): void {
    this.call(req).catch(() => undefined);
  }

  close(): void {
    this.port.terminate();
    this.fail(new Error('the helper worker was closed'));
  }

  private settle(msg: HelperReply): void {
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new Error(`in the helper worker: ${msg.message}`));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

/**
 * A run whose first half of the heads trains in this worker and the rest in the helper (see
 * above). A helper that crashes fails the run's next request, which the session reports as a
 * training error of the run.
 */
export class SplitRun implements TrainingRun {
  /** The helper's heads' settings, as last set (the driver reads them after every step). */
  private readonly helperHeads: RunHead[];

  private constructor(
    private readonly local: Run,
    private readonly helper: HelperLink,
    private readonly key: number,
    helperConfig: RunConfig,
  ) {
    this.helperHeads = helperConfig.heads.map((h) => ({ id: h.id, hyper: { ...h.hyper } }));
  }

  /**
   * Starts a run of `config` split between this worker and the helper (on `threads` wasm threads
   * there); resolves once the helper holds its half, with how the helper's backend runs.
   */
  static async open(
    config: RunConfig,
    data: Mnist,
    network: NetworkId,
    helper: HelperLink,
    threads: number,
    arch?: Architecture,
  ): Promise<{ run: SplitRun; helperNote: string }> {
    const half = Math.ceil(config.heads.length / 2);
    const helperConfig = { ...config, heads: config.heads.slice(half) };
    const { key, note: helperNote } = await helper.open(
      { config: helperConfig, network, arch, threads },
      data,
      HELPER_START_MS,
    );
    const local = new Run({ ...config, heads: config.heads.slice(0, half) }, data, network, arch);
    return { run: new SplitRun(local, helper, key, helperConfig), helperNote };
  }

  get pools(): Run['pools'] {
    return this.local.pools;
  }

  get step(): number {
    return this.local.step;
  }

  get epoch(): number {
    return this.local.epoch;
  }

  get learningRate(): number {
    return this.local.learningRate;
  }

  get baseLearningRate(): number {
    return this.local.baseLearningRate;
  }

  /** The helper takes the rate with its next step. */
  set baseLearningRate(value: number) {
    this.local.baseLearningRate = value;
  }

  get featureMode(): BnMode {
    return this.local.featureMode;
  }

  setFeatureMode(mode: BnMode): void {
    this.local.setFeatureMode(mode);
    this.helper.send({ op: 'setFeatureMode', mode });
  }

  get headCount(): number {
    return this.local.headCount + this.helperHeads.length;
  }

  headOf(i: number): RunHead | undefined {
    if (i < this.local.headCount) return this.local.headOf(i);
    const h = this.helperHeads[i - this.local.headCount];
    return h && { id: h.id, hyper: { ...h.hyper } };
  }

  trainPerClass(labels: Uint8Array): number[] {
    return this.local.trainPerClass(labels);
  }

  /** Both halves step on the same batch at once; the helper is asked first, so it works while this worker does. */
  async trainStep(): ReturnType<Run['trainStep']> {
    const [mine, theirs] = await this.both(
      () => this.local.trainStep(),
      () => this.helper.call({ op: 'trainStep', baseLearningRate: this.local.baseLearningRate }),
    );
    return { ...mine, losses: [...mine.losses, ...theirs.losses] };
  }

  async frame(slice: number, between?: () => Promise<boolean>): ReturnType<Run['frame']> {
    const [mine, theirs] = await this.both(
      () => this.cancelling(this.local.frame(slice, between)),
      () => this.helper.call({ op: 'frame', slice }),
    );
    return (
      mine && theirs && { frame: this.joinFrames(mine.frame, theirs.frame), embedded: mine.embedded + theirs.embedded }
    );
  }

  get framesGrowing(): boolean {
    return this.local.framesGrowing;
  }

  get frameSampleSize(): number {
    return this.local.frameSampleSize;
  }

  /** Digit embeddings of both halves (the budget's cost per embedding is measured on frames of both, made at once). */
  frameCost(slice: number): number {
    return (this.local.frameCost(slice) / this.local.headCount) * this.headCount;
  }

  async fullFrame(points: number, between?: () => Promise<boolean>): ReturnType<Run['fullFrame']> {
    const [mine, theirs] = await this.both(
      () => this.cancelling(this.local.fullFrame(points, between)),
      () => this.helper.call({ op: 'fullFrame', points }),
    );
    return mine && theirs && this.joinFrames(mine, theirs);
  }

  async evaluate(between: () => Promise<boolean>): ReturnType<Run['evaluate']> {
    const [mine, theirs] = await this.both(
      () => this.cancelling(this.local.evaluate(between)),
      () => this.helper.call({ op: 'evaluate' }),
    );
    return mine && theirs && [...mine, ...theirs];
  }

  async snapshot(): Promise<RunSnapshot> {
    const [mine, theirs] = await this.both(
      () => this.local.snapshot(),
      () => this.helper.call({ op: 'snapshot' }),
    );
    return { ...mine, learners: [...mine.learners, ...theirs.learners] };
  }

  async restore(s: RunSnapshot): Promise<void> {
    const half = this.local.headCount;
    const theirs = { ...s, learners: s.learners.slice(half) };
    await this.both(
      () => this.local.restore({ ...s, learners: s.learners.slice(0, half) }),
      () => this.helper.call({ op: 'restore', snapshot: theirs }),
    );
    theirs.learners.forEach((l, i) => (this.helperHeads[i]!.hyper = { ...l.hyper }));
  }

  async embedDigit(pixels: Uint8Array): Promise<Float32Array> {
    const [mine, theirs] = await this.both(
      () => this.local.embedDigit(pixels),
      () => this.helper.call({ op: 'embedDigit', pixels }),
    );
    const out = new Float32Array(mine.length + theirs.length);
    out.set(mine);
    out.set(theirs, mine.length);
    return out;
  }

  async setHyper(head: number, hyper: Record<string, number | string>): Promise<void> {
    const half = this.local.headCount;
    if (head < half) return this.local.setHyper(head, hyper);
    await this.helper.call({ op: 'setHyper', head: head - half, hyper });
    this.helperHeads[head - half]!.hyper = { ...hyper };
  }

  dispose(): void {
    this.local.dispose();
    this.helper.send({ op: 'dispose', key: this.key });
  }

  /** This worker's part of a frame or evaluation; cancelled (null), it cancels the helper's part too. */
  private async cancelling<T>(part: Promise<T | null>): Promise<T | null> {
    const out = await part;
    if (out === null) this.helper.send({ op: 'cancel' });
    return out;
  }

  private joinFrames(mine: Frame, theirs: Frame): Frame {
    return { ...mine, heads: [...mine.heads, ...theirs.heads] };
  }

  /**
   * This worker's part and the helper's, at once (the helper is asked first, so that it works
   * while this worker does); both are awaited even when one fails, so that a failed part never
   * leaves the other working on into the next request.
   */
  private async both<A, B>(local: () => Promise<A>, helper: () => Promise<B>): Promise<[A, B]> {
    const theirs = helper();
    const [mine, other] = await Promise.allSettled([local(), theirs]);
    if (mine.status === 'rejected') throw mine.reason;
    if (other.status === 'rejected') throw other.reason;
    return [mine.value, other.value];
  }
}
