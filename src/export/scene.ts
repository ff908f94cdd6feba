import type { PanelPicture } from '../plot/panelModel';

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

/** A figure as plain data in CSS pixels: what both the SVG writer and the PNG painter draw. */
export interface Scene {
  width: number;
  height: number;
  background: string;
  items: SceneItem[];
}

/** Font stack for exported text: present on every system, so SVG and PNG look alike. */
export const FONT = 'Helvetica, Arial, sans-serif';

/** Above this many points a panel's points go into the SVG as an image instead of one square each. */
export const VECTOR_POINTS_MAX = 4000;
