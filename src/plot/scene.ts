import { ELLIPSE_STYLE } from './ellipses';
import { px } from './format';
import type { PanelPicture } from './panelModel';
import type { Theme } from './palette';

/** A straight-edged box (backgrounds, frames, legend swatches). */
export interface RectItem {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  fill?: string;
  stroke?: string;
}

/** An SVG path (ellipses, boundaries, ticks, crosses, lines). */
export interface PathItem {
  kind: 'path';
  d: string;
  stroke?: string;
  fill?: string;
  width?: number;
  dash?: string | null;
  opacity?: number;
}

/** One line of text; `vertical` turns it a quarter left around (x, y), as y-axis labels are. */
export interface TextItem {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  size: number;
  fill: string;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  vertical?: boolean;
}

/** The decision field: a small image stretched over the plot. */
export interface FieldItem {
  kind: 'field';
  x: number;
  y: number;
  w: number;
  h: number;
  nx: number;
  ny: number;
  pixels: Uint32Array;
}

/** A panel's points, rendered at whatever resolution the output needs (or as vectors when few). */
export interface PointsItem {
  kind: 'points';
  x: number;
  y: number;
  picture: PanelPicture;
}

/** Items moved by (x, y) and, if `clip` is set, clipped to [0, w] × [0, h] there. */
export interface GroupItem {
  kind: 'group';
  x: number;
  y: number;
  clip?: { w: number; h: number };
  items: SceneItem[];
}

/** One thing a figure draws. */
export type SceneItem = RectItem | PathItem | TextItem | FieldItem | PointsItem | GroupItem;

/** A figure as plain data in CSS pixels: what both the SVG writer and the PNG painter draw (the screen draws a panel's vectors from the same items). */
export interface Scene {
  width: number;
  height: number;
  background: string;
  items: SceneItem[];
}

/** Font stack for exported text: present on every system, so SVG and PNG look alike. */
export const FONT = 'Helvetica, Arial, sans-serif';

/** The plot frame, tick marks and tick labels of a panel (its origin at the plot's top left). */
export function axisItems(p: Pick<PanelPicture, 'size' | 'xTicks' | 'yTicks'>, t: Theme): SceneItem[] {
  const s = p.size,
    ticks = [
      ...p.xTicks
        .filter((k) => k.px >= 0 && k.px <= s)
        .map((k) => ({ d: `M${px(k.px)},${s}v4`, x: k.px, y: s + 15, anchor: 'middle' as const, label: k.label })),
      ...p.yTicks
        .filter((k) => k.px >= 0 && k.px <= s)
        .map((k) => ({ d: `M0,${px(k.px)}h-4`, x: -7, y: k.px + 4, anchor: 'end' as const, label: k.label })),
    ];
  return [
    { kind: 'rect', x: 0, y: 0, w: s, h: s, stroke: t.axis },
    { kind: 'path', d: ticks.map((k) => k.d).join(''), stroke: t.axis, width: 1 },
    ...ticks.map((k): SceneItem => ({
      kind: 'text',
      x: k.x,
      y: k.y,
      text: k.label,
      size: 10,
      fill: t.text,
      anchor: k.anchor,
    })),
  ];
}

/** A stroke with a background-coloured halo under it (dashed alike, so the kinds stay apart), so class-coloured ellipses stay visible over their own dense clouds. */
function haloed(d: string, stroke: string, width: number, dash: string | null, halo: string): SceneItem[] {
  return [
    { kind: 'path', d, stroke: halo, width: width + 2, dash, opacity: 0.8 },
    { kind: 'path', d, stroke, width, dash },
  ];
}

/** The vectors drawn over a panel's points (the screen overlay draws the same): boundaries, ellipses, means. */
export function plotVectorItems(p: PanelPicture): SceneItem[] {
  const { classes, text, background, boundary } = p.theme,
    colour = (cls: number) => classes[cls] ?? text;
  return [
    ...(p.boundary ? [{ kind: 'path', d: p.boundary, stroke: boundary, width: 1, opacity: 0.85 } as const] : []),
    ...p.ellipses.flatMap((e) =>
      haloed(e.d, colour(e.cls), ELLIPSE_STYLE[e.kind].width, ELLIPSE_STYLE[e.kind].dash, background),
    ),
    ...p.crosses.flatMap((c) => haloed(c.d, colour(c.cls), 1.5, null, background)),
  ];
}

/** What is drawn inside a panel's plot, clipped to it: field, points, then the vectors. */
export function plotItems(p: PanelPicture): SceneItem[] {
  return [
    ...(p.field ? [{ kind: 'field', x: 0, y: 0, w: p.size, h: p.size, ...p.field } as const] : []),
    { kind: 'points', x: 0, y: 0, picture: p },
    ...plotVectorItems(p),
  ];
}
