import { HEAD_NAMES } from '../loss/heads';
import type { ZoomLike } from '../math/zoom';
import type { Domain } from '../plot/domain';
import { ELLIPSE_STYLE, type EllipseKind } from '../plot/ellipses';
import { embeddedStepsText, featureModeText } from '../plot/format';
import { LIGHT, type Theme } from '../plot/palette';
import {
  createPanelScratch,
  panelPicture,
  resolveDomain,
  unitEllipses,
  type PanelPicture,
  type PanelToggles,
} from '../plot/panelModel';
import type { PointFilter } from '../plot/points';
import { axisItems, plotItems, type Scene, type SceneItem } from '../plot/scene';
import { headLabel, type RunConfig } from '../trainer/shared/config';
import type { Frame } from '../trainer/shared/protocol';
import type { EvaluationPoint } from '../trainer/shared/runFile';
import { exportCsv, exportJson, exportParamsCsv } from './data';
import { exportPng, exportSvg, type PngScale } from './image';
import type { SplitName } from '../data/mnist';

/** Side of an exported panel in CSS pixels (a PNG at 2× makes it 640 px): a column of a paper figure. */
export const EXPORT_PANEL_SIZE = 320;

/** What to export: the whole grid (rows train/test, a column per head, as Fig. 2) or one panel. */
export type ExportScope = { kind: 'grid' } | { kind: 'panel'; head: number; sample: SplitName };

/** The view as the screen draws it, resolved by the app: overlays, each head's filter, axes, and zoom in export-panel pixels. */
export interface FigureView {
  toggles: PanelToggles;
  /** One per head of the frame. */
  filters: readonly PointFilter[];
  domain: Domain | 'auto';
  zoom: ZoomLike;
}

/** Everything a figure and its data files are drawn from. */
export interface FigureRequest {
  /** The frame as drawn: each head cut to the view's points per panel. */
  frame: Frame;
  config: RunConfig;
  view: FigureView;
  evaluation: EvaluationPoint | null;
  scope: ExportScope;
}

/** One panel of a figure: its title and its picture in the light (paper) theme. */
interface FigurePanel {
  title: string;
  picture: PanelPicture;
}

/** A panel's title: head and sample, with the head's last test accuracy on the test row (as the reference figure). */
function title(r: FigureRequest, head: number, sample: SplitName): string {
  const acc = r.evaluation?.heads[head]?.accuracy;
  return `${headLabel(r.config.heads, head)} ${sample}${sample === 'test' && acc !== undefined ? ` (${(100 * acc).toFixed(2)}%)` : ''}`;
}

/** One panel as the screen shows it, drawn afresh (own buffers) at the export size in the light theme. */
function panel(r: FigureRequest, head: number, sample: SplitName): FigurePanel {
  const h = r.frame.heads[head]!,
    { view } = r;
  const picture = panelPicture(
    h,
    unitEllipses(h, sample),
    {
      sample,
      size: EXPORT_PANEL_SIZE,
      zoom: view.zoom,
      theme: LIGHT,
      domain: resolveDomain(h, view.domain),
      filter: view.filters[head]!,
      toggles: view.toggles,
    },
    createPanelScratch(),
  );
  return { title: title(r, head, sample), picture };
}

/** A hyper-parameter value at three significant digits (1e-4 stays 0.0001, 0.123456 becomes 0.123). */
function hyperValue(v: number | string): string {
  return typeof v === 'number' ? String(Number(v.toPrecision(3))) : v;
}

/** The oldest and newest step among every sample of a frame (progressive refresh: see docs/trainer.md). */
function frameStepRange(frame: Frame): { oldestStep: number; newestStep: number } {
  const samples = frame.heads.flatMap((h) => [h.train, h.test]);
  if (!samples.length) return { oldestStep: frame.step, newestStep: frame.step };
  return {
    oldestStep: Math.min(...samples.map((s) => s.oldestStep)),
    newestStep: Math.max(...samples.map((s) => s.newestStep)),
  };
}

/** The caption: each head with its hyper-parameters, step, epoch, the steps the features come from when some are older, BN mode, learning rate, seed and data. */
function caption(r: FigureRequest): string {
  const { frame, config } = r;
  const heads = config.heads.map((h) => {
    const hyper = Object.entries(h.hyper as Record<string, number | string>)
      .map(([k, v]) => `${k} ${hyperValue(v)}`)
      .join(', ');
    const name = `${HEAD_NAMES[h.id]}${h.fork ? `, forked at step ${h.fork.step}` : ''}`;
    return hyper ? `${name} (${hyper})` : name;
  });
  const data = `${config.trainSize} training digits${config.imbalance > 1 ? ` (long tail ρ ${config.imbalance})` : ''}`;
  const { oldestStep, newestStep } = frameStepRange(frame);
  const steps = oldestStep < frame.step ? [`features ${embeddedStepsText(oldestStep, newestStep)}`] : [];
  return [
    ...heads,
    `step ${frame.step}`,
    `epoch ${frame.epoch}`,
    ...steps,
    featureModeText(frame.mode),
    `lr ${config.learningRate}`,
    `seed ${config.seed}`,
    data,
  ].join(' · ');
}

/** Space around each plot for its title, tick labels and axis labels. */
const M = { left: 46, right: 14, top: 24, bottom: 36 };
const LEGEND_H = 24,
  CAPTION_SIZE = 12,
  LINE_H = 16;

/** One panel with title, plot and axes (f₁ across, f₂ up), its outer box's top left at (x, y). */
function panelItems(f: FigurePanel, x: number, y: number): SceneItem {
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
      { kind: 'text', x: s / 2, y: s + 31, text: 'f₁', size: 11, fill: t.text, anchor: 'middle' },
      { kind: 'text', x: -34, y: s / 2, text: 'f₂', size: 11, fill: t.text, anchor: 'middle', vertical: true },
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
function wrapText(text: string, chars: number): string[] {
  return text.split(' ').reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && (last + ' ' + word).length <= chars) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);
}

/** Lays out a grid of panels (all with the same side), the legend of what they draw, and the caption wrapped to the figure's width. */
function layout(rows: FigurePanel[][], text: string): Scene {
  const first = rows[0]![0]!.picture,
    t = first.theme;
  const cellW = M.left + first.size + M.right,
    cellH = M.top + first.size + M.bottom;
  const width = cellW * Math.max(...rows.map((r) => r.length)),
    top = cellH * rows.length;
  const drawn = new Set(rows.flat().flatMap((f) => f.picture.ellipses.map((e) => e.kind)));
  const kinds = (['learned', 'empirical'] as const).filter((k) => drawn.has(k));
  const inner = width - M.left - M.right,
    legend = legendItems(t, kinds, M.left, top, inner);
  const lines = wrapText(text, Math.floor(inner / (0.55 * CAPTION_SIZE))),
    below = top + legend.height;
  const items: SceneItem[] = [
    ...rows.flatMap((row, r) => row.map((f, c) => panelItems(f, c * cellW, r * cellH))),
    ...legend.items,
    ...lines.map((line, k): SceneItem => ({
      kind: 'text',
      x: M.left,
      y: below + LINE_H * (k + 1) - 3,
      text: line,
      size: CAPTION_SIZE,
      fill: t.text,
    })),
  ];
  return { width, height: below + LINE_H * lines.length + 8, background: t.background, items };
}

/** The figure of a request as a scene: Fig. 2's grid (rows train and test, a column per head) or one panel, with legend and caption. */
export function figureScene(r: FigureRequest): Scene {
  if (!r.frame.heads.length) throw new Error('figureScene: the frame has no heads to draw');
  const samples = ['train', 'test'] as const,
    heads = r.frame.heads.map((_, i) => i);
  const rows =
    r.scope.kind === 'grid'
      ? samples.map((s) => heads.map((i) => panel(r, i, s)))
      : [[panel(r, r.scope.head, r.scope.sample)]];
  return layout(rows, caption(r));
}

/** What the export buttons save: a figure (PNG, SVG), the drawn data (CSV, JSON) or the heads' parameters (CSV). */
export type ExportKind = 'png' | 'svg' | 'csv' | 'params' | 'json';

/** One file to save. */
export interface ExportFile {
  name: string;
  data: Blob | string;
  type: string;
}

/** An exported file's name before its suffix, after the step it shows (`12` or, for an animation, `0-480`). */
export const exportName = (steps: number | string) => `icu-lab-step${steps}`;

/** The file of an export, named after the frame's step; figures at `scale` for PNG. */
export async function exportFile(kind: ExportKind, r: FigureRequest, scale: PngScale): Promise<ExportFile> {
  const name = exportName(r.frame.step);
  switch (kind) {
    case 'png':
      return { name: `${name}.png`, data: await exportPng(figureScene(r), scale), type: 'image/png' };
    case 'svg':
      return { name: `${name}.svg`, data: await exportSvg(figureScene(r)), type: 'image/svg+xml' };
    case 'csv':
      return { name: `${name}-features.csv`, data: exportCsv(r.frame), type: 'text/csv' };
    case 'params':
      return { name: `${name}-params.csv`, data: exportParamsCsv(r.frame), type: 'text/csv' };
    case 'json':
      return { name: `${name}.json`, data: exportJson(r.frame), type: 'application/json' };
  }
}
