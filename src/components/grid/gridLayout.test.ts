import { describe, expect, it } from 'vitest';
import { figureSpansPage, gridLayout, PANEL_CHROME } from './gridLayout';

describe('gridLayout', () => {
  it('gives four heads a column each on a laptop screen', () => {
    expect(gridLayout(1100, 4)).toEqual({ size: 208, byHead: false, columns: 4 });
  });

  it('gives Fig. 2 panels of at least 300 px in a 1440 px window, once the figure spans the page', () => {
    expect([1, 2].map(figureSpansPage)).toEqual([false, false]);
    expect([3, 4, 5].map(figureSpansPage)).toEqual([true, true, true]);
    // 1440 px less the page's 2 × 20 px padding.
    const { size, byHead, columns } = gridLayout(1400, 4);
    expect([byHead, columns]).toEqual([false, 4]);
    expect(size + PANEL_CHROME).toBeGreaterThanOrEqual(300);
  });

  it("puts one head's train and test side by side, at most 440 px each", () => {
    expect(gridLayout(1100, 1)).toEqual({ size: 440, byHead: true, columns: 2 });
  });

  it('stacks heads as rows, then everything in one column, as the screen narrows', () => {
    expect(gridLayout(700, 4)).toEqual({ size: 286, byHead: true, columns: 2 });
    expect(gridLayout(360, 2)).toEqual({ size: 302, byHead: true, columns: 1 });
  });
});
