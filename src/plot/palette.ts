/** One colour per digit 0–9 (Tableau 10: distinct hues and lightness, readable on white). */
export const CLASS_COLORS = [
  '#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac',
] as const;

/** A '#rrggbb' colour as the little-endian RGBA word a Uint32Array view of ImageData holds. */
export function packRgba(hex: string, alpha = 255): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255, g = (n >> 8) & 255, b = n & 255;
  return ((alpha << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The class colours packed for pixel buffers. */
export const CLASS_PIXELS: Uint32Array = Uint32Array.from(CLASS_COLORS, (c) => packRgba(c));
