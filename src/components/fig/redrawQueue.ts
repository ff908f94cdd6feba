/** Something that redraws when asked. */
export interface Redrawable { redraw(): void }

/**
 * Redraws many panels without one long task: when a frame reaches every panel at once, each
 * animation frame draws panels until `budgetMs` is spent (at least one) and leaves the rest to the
 * next, so the main thread stays free for input between them. A panel asked again while it waits
 * keeps its place and draws once.
 */
export class RedrawQueue {
  private readonly waiting = new Set<Redrawable>();
  private pending = 0;

  constructor(private readonly budgetMs = 8) {}

  /** Redraws `r` in a coming animation frame. */
  request(r: Redrawable): void {
    this.waiting.add(r);
    if (!this.pending) this.pending = requestAnimationFrame(() => this.run());
  }

  /** Forgets `r` (its panel unmounts). */
  cancel(r: Redrawable): void {
    this.waiting.delete(r);
  }

  private run(): void {
    this.pending = 0;
    const t0 = performance.now();
    for (const r of this.waiting) {
      this.waiting.delete(r);
      r.redraw();
      if (performance.now() - t0 > this.budgetMs) break;
    }
    if (this.waiting.size) this.pending = requestAnimationFrame(() => this.run());
  }
}
