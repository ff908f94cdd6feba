/**
 * Decides when the worker spends time computing a frame, and how many digits
 * of each sample it re-embeds (progressive refresh: see ProgressiveSample),
 * so frames take at most `share` of the worker's time and
 * training is not starved: a frame is due once the training time since the
 * last frame is (1 − share)/share times the frame's expected cost.
 */
export class FrameBudget {
  private msPerPoint: number | null = null;
  private trainedMs = 0;
  private lastFrameAt = -Infinity;

  constructor(
    /** Share of worker time frames may take (documented: 15 %). */
    readonly share = 0.15,
    /** A frame should take about this long to compute; it sets the slice size. */
    readonly targetFrameMs = 800,
    /** Frames come no faster than this, whatever the budget. */
    readonly minIntervalMs = 200,
    /** Digits per sample a frame re-embeds before any cost is known. */
    readonly firstSample = 128,
  ) {}

  /** Adds training time. */
  recordTraining(ms: number): void {
    this.trainedMs += ms;
  }

  /** Records a frame of `points` digits that took `ms`, at time `now`. */
  recordFrame(points: number, ms: number, now: number): void {
    const perPoint = ms / Math.max(points, 1);
    this.msPerPoint = this.msPerPoint === null ? perPoint : 0.7 * this.msPerPoint + 0.3 * perPoint;
    this.trainedMs = 0;
    this.lastFrameAt = now;
  }

  /**
   * How many of `available` digits the next frame should re-embed per sample, when a slice of n
   * costs `cost(n)` embeddings (its samples and heads); the cost per digit is read at the
   * smallest slice, 64, since a slice's cost grows in proportion to it.
   */
  sampleSize(available: number, cost: (slice: number) => number = (n) => n): number {
    if (this.msPerPoint === null) return Math.min(available, this.firstSample);
    const least = Math.min(available, 64);
    const perDigit = cost(least) / least;
    const affordable = Math.floor(this.targetFrameMs / Math.max(this.msPerPoint * perDigit, 1e-6));
    return Math.max(least, Math.min(available, affordable));
  }

  /** Whether a frame of `points` digits is due at time `now`. */
  due(points: number, now: number): boolean {
    if (now - this.lastFrameAt < this.minIntervalMs) return false;
    if (this.msPerPoint === null) return true;
    const cost = this.msPerPoint * points;
    return this.trainedMs >= (cost * (1 - this.share)) / this.share;
  }
}
