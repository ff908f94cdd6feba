import type { Frame } from '../shared/protocol';

import type { RunSnapshot } from '../shared/runSnapshot';

type Listener = (frame: Frame) => void;

/** A push source of high-rate values, such as the frames: the latest value and a subscription. */
export interface Source<T> {
  readonly current: T | null;
  /** Calls `listener` with each new value (and may call it at once with the current one); returns the unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

/** Where the trainer client puts a run's frames and snapshots: a bus, or the timeline that records them. */
export interface FrameSink {
  /** Passes on a frame of run `runId` unless it is stale; says whether it did. */
  publish(frame: Frame, runId: number): boolean;
  /** Keeps a snapshot the worker sent (a sink that records). */
  snapshot?(s: RunSnapshot): void;
  /** A new run begins. */
  clear(): void;
}

/** High-rate frames bypass React state: canvases subscribe here and redraw when one arrives. */
export class FrameBus implements FrameSink, Source<Frame> {
  private latest: Frame | null = null;
  /** The run the latest frame belongs to: sequence numbers count per run (a resumed run's new worker starts again at 1). */
  private latestRun: number | null = null;
  private readonly listeners = new Set<Listener>();

  /** Publishes a frame of run `runId` unless that run already sent a later one (stale frames are dropped); says whether it did. */
  publish(frame: Frame, runId: number): boolean {
    if (this.latest && runId === this.latestRun && frame.seq <= this.latest.seq) return false;
    this.latest = frame;
    this.latestRun = runId;
    this.listeners.forEach((l) => l(frame));
    return true;
  }

  /** The most recent frame, if any. */
  get current(): Frame | null {
    return this.latest;
  }

  /** Calls `listener` with every new frame (and at once with the current one); returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (this.latest) listener(this.latest);
    return () => this.listeners.delete(listener);
  }

  /** Forgets the latest frame (a new run shows nothing until its first frame). */
  clear(): void {
    this.latest = null;
    this.latestRun = null;
  }
}
