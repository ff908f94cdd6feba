import type { Frame, HeadFrame, SampleEmbedding } from '../shared/protocol';
import type { RunSnapshot } from '../shared/runSnapshot';
import { snapshotArrays } from '../shared/runSnapshot';
import { FrameBus, type FrameSink, type Source } from './frameBus';

/** The recording's memory cap: frames and snapshots together stay under it (docs/trainer.md, timeline). */
export const TIMELINE_CAP_BYTES = 200 * 2 ** 20;

/** What the timeline control shows: the recorded steps, which one is on screen (null: the live frame) and the memory used. */
export interface TimelineState {
  steps: readonly number[];
  /** Steps that have a snapshot (a fork or a resume can start there). */
  snapshotSteps: readonly number[];
  /** Index into `steps` of the frame on screen; null while following the live run. */
  viewing: number | null;
  bytes: number;
}

interface Kept<T> {
  step: number;
  value: T;
  bytes: number;
}

/**
 * The item to drop when a recording is over its cap: the interior one whose removal leaves the
 * smallest gap relative to its age. Gaps then grow in proportion to age, so the recent past
 * stays dense and the distant past is log-spaced; the first and the latest are always kept.
 */
export function thinningVictim(steps: readonly number[]): number {
  const latest = steps.at(-1) ?? 0;
  let victim = -1,
    best = Infinity;
  for (let i = 1; i < steps.length - 1; i++) {
    const cost = (steps[i + 1]! - steps[i - 1]!) / (latest - steps[i]! + 1);
    if (cost < best) [victim, best] = [i, cost];
  }
  return victim;
}

const bytesOf = (list: readonly Kept<unknown>[]) => list.reduce((n, k) => n + k.bytes, 0);

/** Drops items of `list` (in place) by age until it holds at most `cap` bytes, or only its first and latest; returns its bytes. */
function thin(list: Kept<unknown>[], cap: number): number {
  let bytes = bytesOf(list);
  while (bytes > cap) {
    const i = thinningVictim(list.map((k) => k.step));
    if (i < 0) break;
    bytes -= list.splice(i, 1)[0]!.bytes;
  }
  return bytes;
}

const sampleBytes = (s: SampleEmbedding) =>
  s.features.byteLength + s.labels.byteLength + s.predictions.byteLength + s.indices.byteLength;

/** The bytes a frame holds (its arrays; labels and indices shared with an earlier frame counted once, see `share`). */
export function frameBytes(frame: Frame, shared: ReadonlySet<ArrayBufferView> = new Set()): number {
  let n = 0;
  for (const h of frame.heads) {
    for (const a of Object.values(h.params)) n += a.byteLength;
    for (const s of [h.train, h.test]) {
      n += sampleBytes(s);
      for (const a of [s.labels, s.indices]) if (shared.has(a)) n -= a.byteLength;
    }
  }
  return n;
}

const sameArray = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The frame with its samples' labels and indices replaced by `previous`'s arrays where equal:
 * a run embeds a fixed sample, so a recording holds those once. Returns the frame and the
 * arrays it now shares.
 */
function share(frame: Frame, previous: Frame | undefined): { frame: Frame; shared: Set<ArrayBufferView> } {
  const shared = new Set<ArrayBufferView>();
  if (!previous) return { frame, shared };
  const heads = frame.heads.map((h, i): HeadFrame => {
    const p = previous.heads[i];
    if (!p || p.head !== h.head) return h;
    const sample = (s: SampleEmbedding, ps: SampleEmbedding): SampleEmbedding => {
      const labels = sameArray(s.labels, ps.labels) ? ps.labels : s.labels;
      const indices = sameArray(s.indices, ps.indices) ? ps.indices : s.indices;
      if (labels === ps.labels) shared.add(labels);
      if (indices === ps.indices) shared.add(indices);
      return { ...s, labels, indices };
    };
    return { ...h, train: sample(h.train, p.train), test: sample(h.test, p.test) };
  });
  return { frame: { ...frame, heads }, shared };
}

/**
 * A run's recording, and what the panels show: every frame the worker sends is kept (thinned by
 * age within a memory cap, with the snapshots a fork can start from) and, while following the
 * run, passed on at once; scrubbing shows a recorded frame instead while training goes on behind.
 * It is the client's frame sink and the panels' frame source.
 */
export class Timeline implements FrameSink, Source<Frame> {
  private readonly live = new FrameBus();
  private frames: Kept<Frame>[] = [];
  private snapshots: Kept<RunSnapshot>[] = [];
  /** The recorded frame on screen (kept by reference: thinning may drop it from the list); null: live. */
  private shown: Frame | null = null;
  private readonly listeners = new Set<(frame: Frame) => void>();
  private readonly watchers = new Set<() => void>();
  private state: TimelineState = { steps: [], snapshotSteps: [], viewing: null, bytes: 0 };
  /** Bytes of the frames and snapshots kept, as the last `fit` counted them. */
  private bytes = 0;

  constructor(readonly cap = TIMELINE_CAP_BYTES) {}

  publish(frame: Frame, runId: number): boolean {
    if (!this.live.publish(frame, runId)) return false;
    const { frame: kept, shared } = share(frame, this.frames.at(-1)?.value);
    // A frame of a step already recorded (a revert, a resume) replaces the recording from there on.
    if (frame.step <= (this.frames.at(-1)?.step ?? -Infinity))
      this.frames = this.frames.filter((f) => f.step < frame.step);
    this.frames.push({ step: frame.step, value: kept, bytes: frameBytes(kept, shared) });
    this.fit();
    if (!this.shown) this.listeners.forEach((l) => l(frame));
    return true;
  }

  /** Keeps a snapshot the worker sent, so a fork (or a resume) can start from its step. */
  snapshot(s: RunSnapshot): void {
    this.snapshots = this.snapshots.filter((k) => k.step < s.step);
    this.snapshots.push({ step: s.step, value: s, bytes: snapshotArrays(s).reduce((n, a) => n + a.byteLength, 0) });
    this.fit();
  }

  /** A new run: the recording starts again, following it. */
  clear(): void {
    this.live.clear();
    this.frames = [];
    this.snapshots = [];
    this.shown = null;
    this.bytes = 0;
    this.changed();
  }

  /** The frame on screen: the recorded one being viewed, else the run's latest. */
  get current(): Frame | null {
    return this.shown ?? this.live.current;
  }

  subscribe(listener: (frame: Frame) => void): () => void {
    this.listeners.add(listener);
    const f = this.current;
    if (f) listener(f);
    return () => this.listeners.delete(listener);
  }

  /** Shows the recorded frame at `index` (of `state.steps`); the last index, or null, follows the run again. */
  view(index: number | null): void {
    const last = this.frames.length - 1;
    const i = index === null || index >= last ? null : Math.max(0, Math.floor(index));
    this.shown = i === null ? null : this.frames[i]!.value;
    const f = this.current;
    if (f) this.listeners.forEach((l) => l(f));
    this.changed();
  }

  /**
   * One tick of a replay that ends at step `until` (the last step recorded when it began): shows the
   * next recorded frame, or goes live on reaching `until`. Returns whether the replay goes on. The
   * end is fixed because a run records faster than the slowest replay plays; chasing the newest frame
   * would never end.
   */
  replayTick(until: number): boolean {
    const { viewing, steps } = this.state;
    const next = (viewing ?? steps.length - 1) + 1;
    const done = next >= steps.length - 1 || steps[next]! >= until;
    this.view(done ? null : next);
    return !done;
  }

  /** The recorded frames, oldest first (for an animation). */
  recorded(): readonly Frame[] {
    return this.frames.map((f) => f.value);
  }

  /** The latest snapshot at or before `step` (a fork from a recorded frame starts there). */
  snapshotAtOrBefore(step: number): RunSnapshot | null {
    return this.snapshots.findLast((s) => s.step <= step)?.value ?? null;
  }

  /** The control's state (the same object until something changes, as useSyncExternalStore wants). */
  getState = (): TimelineState => this.state;

  /** Calls `watcher` whenever the state changes; returns the unsubscribe. */
  watch = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  /** Thins snapshots to at most half the cap, then frames to the rest, each by age. */
  private fit(): void {
    const snapshotBytes = thin(this.snapshots, this.cap / 2);
    this.bytes = snapshotBytes + thin(this.frames, this.cap - snapshotBytes);
    this.changed();
  }

  private changed(): void {
    const steps = this.frames.map((f) => f.step);
    const i = this.shown ? this.frames.findIndex((f) => f.value === this.shown) : -1;
    // A viewed frame thinned away stays on screen; the slider then sits at the nearest recorded step.
    const viewing = !this.shown
      ? null
      : i >= 0
        ? i
        : Math.max(
            0,
            steps.findIndex((s) => s >= this.shown!.step),
          );
    this.state = {
      steps,
      snapshotSteps: this.snapshots.map((s) => s.step),
      viewing,
      bytes: this.bytes,
    };
    this.watchers.forEach((w) => w());
  }
}
