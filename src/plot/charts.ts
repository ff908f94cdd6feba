import { line } from 'd3';

/** A scale as d3's are callable: data value → pixel. */
export type Scale = (v: number) => number;

/** Appends the picked indices of one bucket in order, once each. */
function flush(out: number[], picks: number[]): void {
  picks
    .sort((a, b) => a - b)
    .forEach((i, k) => {
      if (k === 0 || i !== picks[k - 1]) out.push(i);
    });
}

/**
 * Indices that keep a long series' shape in `buckets` equal x-ranges (xs increasing, e.g. steps):
 * per bucket its first, last, lowest and highest point (M4), so spikes survive. Non-finite ys are
 * kept too, so the line still breaks there. Short series come back whole.
 */
export function decimate(xs: ArrayLike<number>, ys: ArrayLike<number>, buckets: number): number[] {
  const n = Math.min(xs.length, ys.length);
  if (n <= 4 * buckets) return Array.from({ length: n }, (_, i) => i);
  const x0 = xs[0]!,
    span = xs[n - 1]! - x0 || 1,
    out: number[] = [];
  let bucket = -1,
    picks: number[] = [],
    lo = -1,
    hi = -1;
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor(((xs[i]! - x0) / span) * buckets)),
      y = ys[i]!;
    if (b !== bucket) {
      if (i > 0) flush(out, [...picks, i - 1, ...(lo < 0 ? [] : [lo, hi])]);
      bucket = b;
      picks = [i];
      lo = hi = -1;
    }
    if (!Number.isFinite(y)) {
      picks.push(i);
      continue;
    }
    if (lo < 0 || y < ys[lo]!) lo = i;
    if (hi < 0 || y > ys[hi]!) hi = i;
  }
  flush(out, [...picks, ...(lo < 0 ? [] : [lo, hi]), n - 1]);
  return out;
}

/** An SVG path through (xs[i], ys[i]) by the scales, decimated to `buckets` (about the chart's width); gaps at non-finite ys. */
export function linePath(xs: ArrayLike<number>, ys: ArrayLike<number>, sx: Scale, sy: Scale, buckets: number): string {
  const path = line<number>()
    .x((i) => sx(xs[i]!))
    .y((i) => sy(ys[i]!))
    .defined((i) => Number.isFinite(ys[i]!))
    .digits(2);
  return path(decimate(xs, ys, buckets)) ?? '';
}

/** The smallest and largest finite value over several series ([0, 1] if there is none). */
export function finiteExtent(series: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity,
    hi = -Infinity;
  for (const s of series)
    for (let i = 0; i < s.length; i++)
      if (Number.isFinite(s[i]!)) {
        lo = Math.min(lo, s[i]!);
        hi = Math.max(hi, s[i]!);
      }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** One class's bar; `missing` when the value is NaN (no digit of that class). */
export interface Bar {
  cls: number;
  x: number;
  y: number;
  w: number;
  h: number;
  value: number;
  missing: boolean;
}

/** Bars for per-class values in [0, 1] over a width × height area, one band per class, `gap` of each band empty. */
export function barLayout(values: readonly number[], width: number, height: number, gap = 0.2): Bar[] {
  const band = width / Math.max(1, values.length);
  return values.map((value, cls) => {
    const missing = !Number.isFinite(value),
      h = missing ? 0 : Math.min(1, Math.max(0, value)) * height;
    return { cls, x: cls * band + (band * gap) / 2, y: height - h, w: band * (1 - gap), h, value, missing };
  });
}

/** One confusion-matrix cell: row = true class, column = predicted; `share` of its row's digits. */
export interface ConfusionCell {
  truth: number;
  predicted: number;
  x: number;
  y: number;
  size: number;
  count: number;
  share: number;
}

/** The K × K cells of a confusion matrix (confusion[K·t + p]) laid out in a size × size square. */
export function confusionCells(confusion: readonly number[], numClasses: number, size: number): ConfusionCell[] {
  const cell = size / numClasses;
  return Array.from({ length: numClasses * numClasses }, (_, k) => {
    const truth = Math.floor(k / numClasses),
      predicted = k % numClasses,
      count = confusion[k] ?? 0;
    let row = 0;
    for (let p = 0; p < numClasses; p++) row += confusion[truth * numClasses + p] ?? 0;
    return {
      truth,
      predicted,
      x: predicted * cell,
      y: truth * cell,
      size: cell,
      count,
      share: row > 0 ? count / row : 0,
    };
  });
}

/** One legend entry's place: x from the plot's left edge, and its row (0 = top). */
export interface LegendSlot {
  x: number;
  row: number;
}

/** Sizes of a legend entry in px: the line swatch with its gap to the text, the text's width per character (an upper bound for 10 px sans-serif), the gap to the next entry. */
export const LEGEND = { swatch: 20, charWidth: 6, gap: 12, rowHeight: 13 } as const;

/** Legend entries left to right, wrapping to a new row where the next would pass `width`: no entry overlaps another, however long the labels. */
export function legendLayout(labels: readonly string[], width: number): { slots: LegendSlot[]; rows: number } {
  const slots: LegendSlot[] = [];
  let x = 0,
    row = 0;
  for (const label of labels) {
    const w = LEGEND.swatch + label.length * LEGEND.charWidth;
    if (x > 0 && x + w > width) {
      x = 0;
      row++;
    }
    slots.push({ x, row });
    x += w + LEGEND.gap;
  }
  return { slots, rows: labels.length ? row + 1 : 0 };
}
