/** Gap between grid cells (as in styles.css) in CSS pixels. */
const GAP = 12;

/** The width an embedding panel adds around its plot (axes, labels), in CSS pixels. */
export const PANEL_CHROME = 58;

/** Plot sides: below MIN the ticks crowd, above MAX a panel outgrows a laptop screen. */
const MIN = 150,
  MAX = 440;

/**
 * From this many heads the figure takes the page's whole width and the controls column moves
 * below it: Fig. 2's four columns need ~1,430 px for panels read at ~300 px, and beside a
 * 290 px controls column a 1440 px window leaves them ~260 px.
 */
const FULL_WIDTH_HEADS = 3;

/** Whether the figure of `heads` heads spans the page (controls below it) rather than sitting beside the controls. */
export function figureSpansPage(heads: number): boolean {
  return heads >= FULL_WIDTH_HEADS;
}

/** How the grid is laid out: the plot side, and whether each head is a row (train | test) instead of a column (Fig. 2). */
export interface GridLayout {
  size: number;
  byHead: boolean;
  columns: number;
}

/**
 * The grid for a container `width` pixels wide: Fig. 2's column per head when they fit; else a
 * row per head with train and test side by side (one head, or a narrower screen); else one column.
 */
export function gridLayout(width: number, heads: number): GridLayout {
  const fit = (cols: number) => Math.floor((width - (cols - 1) * GAP) / cols) - PANEL_CHROME;
  if (heads > 1 && fit(heads) >= MIN) return { size: Math.min(MAX, fit(heads)), byHead: false, columns: heads };
  if (fit(2) >= MIN) return { size: Math.min(MAX, fit(2)), byHead: true, columns: 2 };
  return { size: Math.max(100, Math.min(MAX, fit(1))), byHead: true, columns: 1 };
}
