import { createStore, del, get, set } from 'idb-keyval';
import { HEAD_NAMES } from '../../loss/heads';
import type { UseLabStore } from '../../store/store';
import type { TrainerClient } from './trainerClient';
import { firstOfKind, headLabel, MAX_HEADS, type HeadSetup, type RunConfig } from '../shared/config';
import {
  decodeRunFile,
  encodeRunFile,
  runFileHead,
  runFileHeader,
  historyUpTo,
  RUN_FILE_EXTENSION,
  runKey,
  RunFileError,
  summarize,
  type RunFile,
  type RunSummary,
} from '../shared/runFile';
import { copySnapshot, type RunSnapshot } from '../shared/runSnapshot';
import { yieldToEvents } from '../shared/yield';
import { download } from '../../export/download';
import { describeError } from '../../data/errors';

/**
 * "Fork from here": the run of `snapshot` with one more head, which takes the state there of head
 * `from`'s kind (its first head) and trains on with `hyper` beside the others, on the same batches.
 * The new head records where it branched, so the URL reproduces the experiment from scratch.
 */
export function forkRun(
  config: RunConfig,
  snapshot: RunSnapshot,
  from: number,
  hyper: Record<string, number | string>,
  learningRate?: number,
): { config: RunConfig; snapshot: RunSnapshot } {
  if (config.heads.length >= MAX_HEADS)
    throw new Error(`a run trains at most ${MAX_HEADS} heads side by side; start one with fewer to fork`);
  const source = firstOfKind(config.heads, from);
  const copy = copySnapshot({ ...snapshot, learners: [snapshot.learners[source]!] }).learners[0]!;
  const settings = { ...copy.hyper, ...hyper };
  const rate = learningRate === undefined ? {} : { learningRate };
  const head = { id: config.heads[source]!.id, hyper: settings, fork: { step: snapshot.step }, ...rate } as HeadSetup;
  return {
    config: { ...config, heads: [...config.heads, head] },
    snapshot: { ...snapshot, learners: [...snapshot.learners, { ...copy, hyper: settings }] },
  };
}

/** The part of idb-keyval's API the lab uses (a Map-backed stand-in serves in Node tests). */
export interface KeyValue {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

/** The browser's IndexedDB, through idb-keyval (one database, one object store). */
export function indexedDbStore(): KeyValue {
  const store = createStore('icu-loss-lab', 'runs');
  return { get: (k) => get(k, store), set: (k, v) => set(k, v, store), del: (k) => del(k, store) };
}

/** The network the shipped trained states are of (small enough to ship, quick on a CPU). */
export const TRAINED_NETWORK = 'lite';

/** Runs kept per browser: one per run configuration (runKey), the least recently saved dropped beyond this. */
export const MAX_SAVED_RUNS = 5;
/** At most one write this often: a run stepped by hand snapshots at every step. */
const MIN_WRITE_GAP_MS = 2_000;
const INDEX = 'index';
const dataKey = (key: string) => `run:${key}`;

/**
 * Runs kept in IndexedDB, in the run-file format (so a save that a newer version cannot read
 * is found out by the same checks as a file). An index of summaries lists them without reading
 * megabytes; each run's bytes sit under their own key, as a Blob: IndexedDB serializes a typed
 * array on the main thread (about 10 ms per MB in Chromium, a Fig. 2 run is ~2.6 MB, so each
 * keep was a long task), a Blob's bytes in the background; and the Blob's arrays come made by
 * the worker, as making a Blob of them here was a long task too (docs/rendering-performance.md).
 */
export class SavedRuns {
  constructor(private readonly kv: KeyValue) {}

  /** The kept runs, newest first. */
  async list(): Promise<RunSummary[]> {
    const index = await this.kv.get(INDEX);
    return Array.isArray(index) ? (index as RunSummary[]) : [];
  }

  /**
   * Keeps a run (replacing the one of the same configuration), dropping the oldest beyond
   * MAX_SAVED_RUNS. `body` is its snapshot's arrays as the worker posted them (snapshotMessage).
   */
  async save(file: RunFile, body: Blob): Promise<void> {
    const key = runKey(file.config);
    // The header's JSON, its UTF-8 bytes and the Blob each cost the page milliseconds that grow
    // with the curves (and several times that beside training): each in a task of its own.
    const header = runFileHeader(file);
    await yieldToEvents();
    const head = runFileHead(header);
    await yieldToEvents();
    // A Blob made of a Blob references it: only the header is copied here.
    const blob = new Blob([head, body]);
    await this.kv.set(dataKey(key), blob);
    const others = (await this.list()).filter((r) => r.key !== key);
    const index = [summarize(key, file, blob.size), ...others];
    const dropped = index.splice(MAX_SAVED_RUNS);
    await this.kv.set(INDEX, index);
    await Promise.all(dropped.map((r) => this.kv.del(dataKey(r.key))));
  }

  /** A kept run, read whole; one that cannot be read is removed, and the error says why. */
  async open(key: string): Promise<RunFile> {
    const kept = await this.kv.get(dataKey(key));
    try {
      // Runs kept before the Blobs were typed arrays; both open.
      const bytes = kept instanceof Blob ? new Uint8Array(await kept.arrayBuffer()) : kept;
      if (!(bytes instanceof Uint8Array)) throw new RunFileError("it is missing from the browser's storage");
      return decodeRunFile(bytes);
    } catch (e) {
      await this.remove(key);
      throw e;
    }
  }

  /** Forgets a kept run. */
  async remove(key: string): Promise<void> {
    await this.kv.set(
      INDEX,
      (await this.list()).filter((r) => r.key !== key),
    );
    await this.kv.del(dataKey(key));
  }
}

/** A saved run said in a few words: "ICU, Softmax · lite · step 1,240 · 30 Nov, 16:20". */
export function describeRun(r: RunSummary): string {
  const when = new Date(r.savedAt);
  const date = Number.isNaN(when.getTime())
    ? ''
    : ` · ${when.toLocaleString('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })}`;
  return `${r.heads.map((h) => HEAD_NAMES[h]).join(', ')} · ${r.network} · step ${r.step.toLocaleString('en-US')}${date}`;
}

/** What a storage failure means for the user. */
function storageProblem(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') {
    return 'the browser\'s storage is full (delete saved runs under "Saved runs" to make room)';
  }
  return describeError(e);
}

/**
 * The page's runs as files: the run kept for a reload (written as the worker's snapshots
 * arrive), the offer to resume it, the saved-runs list, and Save run / Open run.
 */
export class RunKeeper {
  private lastWrite = Number.NEGATIVE_INFINITY;
  private queued: { config: RunConfig; snapshot: RunSnapshot; body: Blob } | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private failed = false;

  /** @param trainedUrl where the shipped trained states are (`<network>-<head>.icurun`). */
  constructor(
    private readonly store: UseLabStore,
    private readonly client: TrainerClient,
    private readonly runs: SavedRuns,
    private readonly trainedUrl: string,
  ) {
    client.onSnapshot = (config, snapshot, body) => this.keep(config, snapshot, body);
  }

  /**
   * Opens the page: starts its run, and offers to resume a kept run of the same configuration
   * instead. Until the offer is answered the new run is not kept, so the kept one is not
   * overwritten by a visit that only looked.
   */
  async begin(config: RunConfig): Promise<void> {
    const list = await this.runs.list().catch(() => []);
    this.client.start(config);
    this.store.getState().setSavedRuns(list);
    const offer = list.find((r) => r.key === runKey(config));
    if (offer) this.store.getState().setResumeOffer(offer);
  }

  /** Resumes a kept run (its own settings; whether it plays follows the page's). */
  async resume(key: string): Promise<void> {
    const autoplay = this.store.getState().config.autoplay;
    try {
      const file = await this.runs.open(key);
      this.client.start({ ...file.config, autoplay }, file);
      this.say(`Resumed the saved run at step ${file.snapshot.step.toLocaleString('en-US')}.`);
    } catch (e) {
      this.say(`Could not resume the saved run, so it was discarded: ${describeError(e)}.`);
      await this.refresh();
      if (this.store.getState().resumeOffer?.key === key) this.startFresh();
    }
  }

  /** Declines the offer: the new run goes on, and is kept from now on (replacing the kept one). */
  startFresh(): void {
    this.store.getState().setResumeOffer(null);
  }

  /** Forgets a kept run. */
  async remove(key: string): Promise<void> {
    await this.runs.remove(key).catch((e) => this.say(`Could not delete the saved run: ${storageProblem(e)}.`));
    await this.refresh();
  }

  /** Downloads the run as it is now. */
  async saveFile(): Promise<void> {
    const now = await this.client.current();
    if (!now) {
      this.say('Nothing to save yet: the run has not started.');
      return;
    }
    const bytes = encodeRunFile(this.fileOf(now.config, now.snapshot));
    const heads = now.config.heads.map((h) => h.id).join('-');
    download(
      `icu-lab-${heads}-${now.snapshot.network}-step${now.snapshot.step}${RUN_FILE_EXTENSION}`,
      new Blob([bytes as BlobPart]),
      'application/octet-stream',
    );
  }

  /** Opens a run file; one that is malformed, truncated or foreign changes nothing and says why. */
  async openFile(file: File): Promise<void> {
    let run: RunFile;
    try {
      run = decodeRunFile(new Uint8Array(await file.arrayBuffer()));
    } catch (e) {
      this.say(`Could not open ${file.name}: ${describeError(e)}. The current run goes on.`);
      return;
    }
    if (this.client.start({ ...run.config, autoplay: this.store.getState().config.autoplay }, run)) {
      this.say(`Opened ${file.name}: step ${run.snapshot.step.toLocaleString('en-US')}.`);
    }
  }

  /**
   * Opens the page's heads trained: the states the lab ships (the lite network after the paper's six epochs of
   * full MNIST, made by `npm run reproduce -- --save-states`), which the sliders then fine-tune.
   * Where and how the page trains and draws stays the page's.
   */
  async startTrained(): Promise<void> {
    const page = this.store.getState().config;
    let files: RunFile[];
    try {
      files = await Promise.all(
        page.heads.map(async ({ id }) => {
          const url = new URL(`${TRAINED_NETWORK}-${id}${RUN_FILE_EXTENSION}`, this.trainedUrl);
          const response = await fetch(url);
          if (!response.ok)
            throw new Error(`${HEAD_NAMES[id]}'s trained state could not be loaded (HTTP ${response.status})`);
          try {
            return decodeRunFile(new Uint8Array(await response.arrayBuffer()));
          } catch (e) {
            throw new Error(`${HEAD_NAMES[id]}'s trained state is unreadable: ${describeError(e)}`, { cause: e });
          }
        }),
      );
    } catch (e) {
      this.say(`Could not start from trained: ${describeError(e)}. The current run goes on.`);
      return;
    }
    const [first] = files as [RunFile];
    const { backend, wasmThreads, autoplay, featureMode, frameTrainPoints } = page;
    const config: RunConfig = {
      ...first.config,
      heads: files.map((f) => f.config.heads[0]!),
      backend,
      wasmThreads,
      autoplay,
      featureMode,
      frameTrainPoints,
    };
    const snapshot: RunSnapshot = { ...first.snapshot, learners: files.map((f) => f.snapshot.learners[0]!) };
    if (this.client.start(config, { snapshot, history: first.history, trained: true })) {
      this.say(
        `Started from the trained states (step ${snapshot.step.toLocaleString('en-US')}); the sliders fine-tune from here.`,
      );
    }
  }

  /** Forks head `from`'s kind at `snapshot` (a recorded one) with `hyper` (and a rate of its own); the curves so far come along. */
  fork(snapshot: RunSnapshot, from: number, hyper: Record<string, number | string>, learningRate?: number): void {
    const state = this.store.getState();
    let forked: ReturnType<typeof forkRun>;
    try {
      forked = forkRun(state.config, snapshot, from, hyper, learningRate);
    } catch (e) {
      this.say(`Did not fork: ${describeError(e)}`);
      return;
    }
    if (this.client.start(forked.config, { snapshot: forked.snapshot, history: historyUpTo(state, snapshot.step) }))
      this.say(`Forked: ${headLabel(forked.config.heads, forked.config.heads.length - 1)}.`);
  }

  private fileOf(config: RunConfig, snapshot: RunSnapshot): RunFile {
    return {
      savedAt: new Date().toISOString(),
      config,
      snapshot,
      history: historyUpTo(this.store.getState(), snapshot.step),
    };
  }

  /** Keeps the newest snapshot for a reload, writing at most every MIN_WRITE_GAP_MS. */
  private keep(config: RunConfig, snapshot: RunSnapshot, body: Blob): void {
    // A run that has not trained yet has nothing to resume; an unanswered offer keeps its run safe.
    if (snapshot.step === 0 || this.store.getState().resumeOffer?.key === runKey(config)) return;
    this.queued = { config, snapshot, body };
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + MIN_WRITE_GAP_MS - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.writing = this.writing.then(() => this.write());
    }, wait);
  }

  private async write(): Promise<void> {
    const q = this.queued;
    this.queued = null;
    if (!q) return;
    this.lastWrite = performance.now();
    try {
      // The oldest configuration's run is dropped quietly: a visitor trying settings after settings
      // would otherwise get a notice per try, and the list under "Saved runs" shows what is kept.
      await this.runs.save(this.fileOf(q.config, q.snapshot), q.body);
      this.failed = false;
    } catch (e) {
      // Once per failure streak: a full disk would otherwise repeat it every snapshot.
      if (!this.failed) this.say(`Could not keep this run for a reload: ${storageProblem(e)}.`);
      this.failed = true;
    }
    await this.refresh();
  }

  private async refresh(): Promise<void> {
    this.store.getState().setSavedRuns(await this.runs.list().catch(() => []));
  }

  private say(notice: string): void {
    this.store.getState().notify(notice);
  }
}
