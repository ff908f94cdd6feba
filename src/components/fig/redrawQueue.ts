/** Something that redraws in steps when asked. */
export interface Redrawable {
  /** Does the next step of a redraw; true if another step remains. */
  redraw(): boolean;
}

/** Runs `run` in a task of its own, soon. */
export type PostTask = (run: () => void) => void;

/**
 * A task through a message channel: unlike an animation frame callback, the browser's style,
 * layout and paint do not run in the same task, and unlike setTimeout it is not clamped to 4 ms.
 */
export function messageTask(): PostTask {
  const channel = new MessageChannel(),
    runs: (() => void)[] = [];
  channel.port1.onmessage = () => runs.shift()?.();
  return (run) => {
    runs.push(run);
    channel.port2.postMessage(null);
  };
}

/**
 * Redraws many panels without a long task: a frame reaches every panel at once, and each step of
 * one panel's redraw (working out its picture, then putting it on screen) runs in a task of its
 * own, so input and the browser's rendering run between them. On a shared, loaded CPU even a few
 * milliseconds of work can take tens of milliseconds of wall time, so a step is the unit, not a
 * time budget. Panels take turns; a panel asked again while it waits keeps its place and draws once.
 */
export class RedrawQueue {
  private readonly waiting = new Set<Redrawable>();
  private pending = false;

  constructor(private readonly post: PostTask = messageTask()) {}

  /** Redraws `r` in coming tasks. */
  request(r: Redrawable): void {
    this.waiting.add(r);
    this.schedule();
  }

  /** Forgets `r` (its panel unmounts). */
  cancel(r: Redrawable): void {
    this.waiting.delete(r);
  }

  private schedule(): void {
    if (this.pending || !this.waiting.size) return;
    this.pending = true;
    this.post(() => this.run());
  }

  /** One step of the first waiting panel; it goes to the back if it has more. */
  private run(): void {
    this.pending = false;
    const [r] = this.waiting;
    if (r) {
      this.waiting.delete(r);
      if (r.redraw()) this.waiting.add(r);
    }
    this.schedule();
  }
}
