/** Main-thread milliseconds of one redraw: our own script, and script plus the browser's style, layout and paint. */
export interface Timing {
  script: number;
  total: number;
}

/** Medians of a series of redraws. */
export interface Summary {
  runs: number;
  script: number;
  total: number;
}

/** What the benchmark page reports. */
export interface BenchResult {
  points: number;
  size: number;
  dpr: number;
  userAgent: string;
  panel: Summary;
  svg: Summary;
  /** Median milliseconds of each pure step of the panel's redraw. */
  parts: Record<string, number>;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b),
    m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
