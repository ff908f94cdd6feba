import { ELLIPSE_STYLE, type EllipseKind } from '../plot/ellipses';
import type { PanelPicture } from '../plot/panelModel';
import type { Theme } from '../plot/palette';
import { axisItems, plotItems, type Scene, type SceneItem } from '../plot/scene';

/** One panel of a figure: its title and picture (build the picture with the light theme for paper figures). */
export interface FigurePanel {
  title: string;
  picture: PanelPicture;
}

/** A figure: rows of panels (all with the same side), a legend of the digit colours, and a caption. */
export interface FigureSpec {
  rows: FigurePanel[][];
  caption: string;
  axisLabels?: [string, string];
}

/** Space around each plot for its title, tick labels and axis labels. */
const M = { left: 46, right: 14, top: 24, bottom: 36 };
const LEGEND_H = 24,
  CAPTION_SIZE = 12,
  LINE_H = 16;

/** One panel with title, plot and axes, its outer box's top left at (x, y). */
function panelItems(f: FigurePanel, x: number, y: number, labels: [string, string]): SceneItem {
  const p = f.picture,
    t = p.theme,
    s = p.size;
  return {
    kind: 'group',
    x: x + M.left,
    y: y + M.top,
    items: [
      { kind: 'text', x: s / 2, y: -8, text: f.title, size: 13, fill: t.text, anchor: 'middle', bold: true },
      { kind: 'group', x: 0, y: 0, clip: { w: s, h: s }, items: plotItems(p) },
      ...axisItems(p, t),
      { kind: 'text', x: s / 2, y: s + 31, text: labels[0], size: 11, fill: t.text, anchor: 'middle' },
      { kind: 'text', x: -34, y: s / 2, text: labels[1], size: 11, fill: t.text, anchor: 'middle', vertical: true },
    ],
  };
}

/** A legend entry's key (drawn at the entry's left, on a row's mid-line) and label. */
interface LegendEntry {
  key: (x: number, y: number) => SceneItem;
  label: string;
  width: number;
}

/** The digit swatches, then the line style of each ellipse kind the figure draws. */
function legendEntries(t: Theme, kinds: readonly EllipseKind[]): LegendEntry[] {
  const digits = t.classes.map((c, k): LegendEntry => ({
    key: (x, y) => ({ kind: 'rect', x, y: y - 5, w: 10, h: 10, fill: c }),
    label: String(k),
    width: 34,
  }));
  return [
    ...digits,
    ...kinds.map((kind): LegendEntry => ({
      key: (x, y) => ({
        kind: 'path',
        d: `M${x},${y}h24`,
        stroke: t.text,
        width: ELLIPSE_STYLE[kind].width,
        dash: ELLIPSE_STYLE[kind].dash,
      }),
      label: `${kind} ellipse`,
      width: 120,
    })),
  ];
}

/** The legend flowed into rows of at most `width` pixels from (x, y); returns its items and height. */
function legendItems(
  t: Theme,
  kinds: readonly EllipseKind[],
  x: number,
  y: number,
  width: number,
): { items: SceneItem[]; height: number } {
  let cx = 0,
    row = 0;
  const items = legendEntries(t, kinds).flatMap((e): SceneItem[] => {
    if (cx > 0 && cx + e.width > width) {
      cx = 0;
      row += 1;
    }
    const at = x + cx,
      mid = y + LEGEND_H * row + 12,
      keyW = e.width > 34 ? 29 : 14;
    cx += e.width;
    return [e.key(at, mid), { kind: 'text', x: at + keyW, y: mid + 4, text: e.label, size: 11, fill: t.text }];
  });
  return { items, height: LEGEND_H * (row + 1) };
}

/** Splits a caption into lines of at most `chars` characters, at spaces. */
export function wrapText(text: string, chars: number): string[] {
  return text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);
}

/** Lays out a figure: a grid of panels, the legend, and the caption wrapped to the figure's width. */
export function buildFigure(spec: FigureSpec): Scene {
  const first = spec.rows[0]?.[0]?.picture;
  if (!first) throw new Error('buildFigure: no panels');
  const cellW = M.left + first.size + M.right,
    cellH = M.top + first.size + M.bottom;
  const width = cellW * Math.max(...spec.rows.map((r) => r.length)),
    top = cellH * spec.rows.length;
  const labels = spec.axisLabels ?? ['f₁', 'f₂'];
  const drawn = new Set(spec.rows.flat().flatMap((f) => f.picture.ellipses.map((e) => e.kind)));
  const kinds = (['learned', 'empirical'] as const).filter((k) => drawn.has(k));
  const inner = width - M.left - M.right,
    legend = legendItems(first.theme, kinds, M.left, top, inner);
  const lines = wrapText(spec.caption, Math.floor(inner / (0.55 * CAPTION_SIZE))),
    below = top + legend.height;
  const items: SceneItem[] = [
    ...spec.rows.flatMap((row, r) => row.map((f, c) => panelItems(f, c * cellW, r * cellH, labels))),
    ...legend.items,
    ...lines.map((text, k): SceneItem => ({
      kind: 'text',
      x: M.left,
      y: below + LINE_H * (k + 1) - 3,
      text,
      size: CAPTION_SIZE,
      fill: first.theme.text,
    })),
  ];
  return { width, height: below + LINE_H * lines.length + 8, background: first.theme.background, items };
}
