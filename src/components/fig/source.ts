import type { Frame, HeadFrame } from '../../trainer/shared/protocol';

/** A push source of high-rate values, such as the frame bus: the latest value and a subscription. */
export interface Source<T> {
  readonly current: T | null;
  /** Calls `listener` with each new value (and may call it at once with the current one); returns the unsubscribe. */
  subscribe(listener: (value: T) => void): () => void;
}

/** The head at `index` of each frame of `frames` (frames without that head are skipped). */
export function headSource(frames: Source<Frame>, index: number): Source<HeadFrame> {
  return {
    get current() {
      return frames.current?.heads[index] ?? null;
    },
    subscribe: (listener) =>
      frames.subscribe((f) => {
        const h = f.heads[index];
        if (h) listener(h);
      }),
  };
}
