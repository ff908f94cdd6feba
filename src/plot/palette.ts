/**
 * One colour per digit 0–9 for light backgrounds (paper figures, the light theme).
 *
 * Why these ten: Okabe–Ito's set is the usual colour-blind-safe base, but its yellow (#F0E442)
 * all but vanishes as a 3-pixel dot on white and its black vanishes on a dark theme. So we keep
 * five Okabe–Ito hues (sky blue, bluish green, blue, vermillion, reddish purple) and add Paul
 * Tol's indigo, wine, grey and darker yellow (#CCBB44) and a brown, picked by a search that
 * maximises the smallest pairwise CIEDE2000 difference under simulated protanopia,
 * deuteranopia and tritanopia (Machado et al. 2009): 11.1, against 10.9 for Okabe–Ito's own 8.
 * palette.test.ts checks this.
 */
export const CLASS_COLORS = [
  '#0072B2',
  '#CCBB44',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#332288',
  '#882255',
  '#BBBBBB',
  '#8C564B',
] as const;

/**
 * The same classes on a dark background: only indigo and wine, too dark to see there, are lifted
 * to lighter colours of the same hue; the rest keep their colour so a digit keeps its colour
 * across themes. The smallest difference under the simulations drops to 8.7 (tested).
 */
export const CLASS_COLORS_DARK = [
  '#0072B2',
  '#CCBB44',
  '#009E73',
  '#D55E00',
  '#56B4E9',
  '#CC79A7',
  '#9977EE',
  '#AA3377',
  '#BBBBBB',
  '#8C564B',
] as const;

/** A '#rrggbb' colour as the little-endian RGBA word a Uint32Array view of ImageData holds. */
export function packRgba(hex: string, alpha = 255): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255,
    g = (n >> 8) & 255,
    b = n & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The light class colours packed for pixel buffers. */
export const CLASS_PIXELS: Uint32Array = Uint32Array.from(CLASS_COLORS, (c) => packRgba(c));

/** The colours a plot needs besides its classes. */
export interface Theme {
  name: 'light' | 'dark';
  background: string;
  axis: string;
  text: string;
  grid: string;
  /** Decision boundary lines: neutral, so they read over every class colour. */
  boundary: string;
  classes: readonly string[];
  /** `classes` packed for pixel buffers (opaque). */
  classPixels: Uint32Array;
}

/** Light theme: the paper look (figures are exported in it). */
export const LIGHT: Theme = {
  name: 'light',
  background: '#FFFFFF',
  axis: '#444444',
  text: '#1D1D1F',
  grid: '#E6E6E6',
  boundary: '#2B2B2B',
  classes: CLASS_COLORS,
  classPixels: CLASS_PIXELS,
};

/** Dark theme: a near-black background (L* ≈ 11) under the lifted class colours. */
export const DARK: Theme = {
  name: 'dark',
  background: '#1E1E1E',
  axis: '#B8B8B8',
  text: '#EDEDED',
  grid: '#333333',
  boundary: '#E0E0E0',
  classes: CLASS_COLORS_DARK,
  classPixels: Uint32Array.from(CLASS_COLORS_DARK, (c) => packRgba(c)),
};

/** Class colours packed with a shared alpha, e.g. the faint decision field. */
export function classPixelsWithAlpha(classes: readonly string[], alpha: number): Uint32Array {
  return Uint32Array.from(classes, (c) => packRgba(c, alpha));
}
