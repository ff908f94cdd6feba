/** Main-thread tasks over 50 ms in a time window: how often and how long the page could not respond. */
export interface LongTaskSummary {
  count: number;
  totalMs: number;
  maxMs: number;
}

/** Records every long task from page load on (the browser defines "long": over 50 ms). */
export class LongTaskLog {
  private readonly tasks: { start: number; duration: number }[] = [];
  private readonly observer: PerformanceObserver;

  constructor() {
    this.observer = new PerformanceObserver((list) => this.add(list.getEntries()));
    this.observer.observe({ type: 'longtask', buffered: true });
  }

  /**
   * The long tasks that overlap [from, to] (performance.now() times), with their whole durations.
   * Yields first: a task is reported only once it has ended, and on the cpu backend a whole
   * training loop can be the very task that calls this.
   */
  async between(from: number, to: number): Promise<LongTaskSummary> {
    await new Promise((r) => setTimeout(r, 0));
    this.add(this.observer.takeRecords());
    const inside = this.tasks.filter((t) => t.start <= to && t.start + t.duration >= from);
    return {
      count: inside.length,
      totalMs: inside.reduce((a, t) => a + t.duration, 0),
      maxMs: Math.max(0, ...inside.map((t) => t.duration)),
    };
  }

  private add(entries: PerformanceEntryList): void {
    for (const e of entries) this.tasks.push({ start: e.startTime, duration: e.duration });
  }
}
