import type { Frame } from '../shared/protocol';

type Listener = (frame: Frame) => void;

/** High-rate frames bypass React state: canvases subscribe here and redraw when one arrives. */
export class FrameBus {
  private latest: Frame | null = null;
  private readonly listeners = new Set<Listener>();

  /** Publishes a frame unless it is older than the latest (stale frames are dropped). */
  publish(frame: Frame): void {
    if (this.latest && frame.seq <= this.latest.seq) return;
    this.latest = frame;
    this.listeners.forEach((l) => l(frame));
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

  /** Forgets the latest frame (a new run starts its sequence again). */
  clear(): void {
    this.latest = null;
  }
}
