import type { Source } from '../../trainer/client/frameBus';
import type { Frame, HeadFrame } from '../../trainer/shared/protocol';

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
