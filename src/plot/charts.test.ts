import { describe, expect, it } from 'vitest';
import { barLayout, confusionCells, decimate, finiteExtent, LEGEND, legendLayout, linePath } from './charts';

describe('line charts', () => {
  it('keeps short series whole and long ones to first/last/min/max per bucket', () => {
    expect(decimate([0, 1, 2], [5, 6, 7], 1)).toEqual([0, 1, 2]);
    const xs = Array.from({ length: 100 }, (_, i) => i),
      ys = xs.map((i) => (i === 37 ? 50 : i === 62 ? -9 : Math.sin(i)));
    const kept = decimate(xs, ys, 5);
    expect(kept.length).toBeLessThanOrEqual(20);
    expect(kept).toEqual([...kept].sort((a, b) => a - b));
    expect(kept).toEqual(expect.arrayContaining([0, 19, 20, 37, 62, 99]));
  });

  it('keeps a non-finite value so the line breaks there', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i),
      ys = xs.map((i) => (i === 13 ? Number.NaN : 1));
    expect(decimate(xs, ys, 2)).toContain(13);
  });

  it('draws the path through the scales at two decimals, with gaps', () => {
    const d = linePath(
      [0, 1, 2, 3],
      [1, 0.5, Number.NaN, 0.25],
      (x) => 10 * x,
      (y) => 100 - 100 * y,
      100,
    );
    expect(d).toBe('M0,0L10,50M30,75Z');
    expect(finiteExtent([[3, Number.NaN, -1], [7]])).toEqual([-1, 7]);
    expect(finiteExtent([[Number.NaN]])).toEqual([0, 1]);
  });
});

describe('the legend of a line chart', () => {
  const labels = ['softmax test', 'softmax train (drawn)', 'icu test', 'icu train (drawn)'];
  const extent = (label: string) => LEGEND.swatch + label.length * LEGEND.charWidth;

  it('wraps entries into rows so that none overlaps another or passes the width', () => {
    const { slots, rows } = legendLayout(labels, 400);
    expect(rows).toBe(2);
    slots.forEach((s, i) => {
      expect(s.x + extent(labels[i]!)).toBeLessThanOrEqual(400);
      const next = slots[i + 1];
      if (next && next.row === s.row) expect(next.x).toBeGreaterThanOrEqual(s.x + extent(labels[i]!) + LEGEND.gap);
    });
  });

  it('keeps short legends on one row, and gives an entry wider than the chart a row of its own', () => {
    expect(legendLayout(['ce', 'reg'], 400)).toEqual({
      slots: [
        { x: 0, row: 0 },
        { x: 20 + 12 + 12, row: 0 },
      ],
      rows: 1,
    });
    expect(legendLayout(['a very long label indeed', 'b'], 100).slots).toEqual([
      { x: 0, row: 0 },
      { x: 0, row: 1 },
    ]);
    expect(legendLayout([], 100).rows).toBe(0);
  });
});

describe('per-class bars and the confusion matrix', () => {
  it('lays out one bar per class, an empty slot for a class without digits', () => {
    const bars = barLayout([1, 0.5, Number.NaN], 30, 100, 0.2);
    expect(bars.map((b) => [b.x, b.y, b.w, b.h, b.missing].map(String).join(' '))).toEqual([
      '1 0 8 100 false',
      '11 50 8 50 false',
      '21 100 8 0 true',
    ]);
  });

  it('places cells by (true, predicted) with their share of the true class', () => {
    const cells = confusionCells([8, 2, 0, 5], 2, 100);
    expect(
      cells.map((c) => `${c.truth}${c.predicted} ${c.x},${c.y} ${c.size} ${c.count} ${c.share.toFixed(2)}`),
    ).toEqual(['00 0,0 50 8 0.80', '01 50,0 50 2 0.20', '10 0,50 50 0 0.00', '11 50,50 50 5 1.00']);
  });
});
