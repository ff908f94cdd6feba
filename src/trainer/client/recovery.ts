/** Restarts allowed within the window before a failing run is given up. */
const MAX_RESTARTS = 3;
const WINDOW_MS = 60_000;

/** Rate limit for worker restarts, so a worker that crashes at once is not restarted forever. */
export class Recovery {
  private times: number[] = [];

  /** Whether another restart is allowed at time `now` (and counts it). */
  allow(now: number): boolean {
    this.times = this.times.filter((t) => now - t < WINDOW_MS);
    if (this.times.length >= MAX_RESTARTS) return false;
    this.times.push(now);
    return true;
  }
}
