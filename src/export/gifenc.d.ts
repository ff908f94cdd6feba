/** The part of gifenc 1.0.3 (which ships no types) that the animation export uses; see its README's API. */
declare module 'gifenc' {
  /** Colours as [r, g, b] bytes, at most 256. */
  export type Palette = number[][];
  /** A palette of at most `maxColors` colours for RGBA pixels (PnnQuant on rgb565 by default). */
  export function quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number): Palette;
  /** Each pixel's index of its nearest palette colour. */
  export function applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette): Uint8Array;
  export interface FrameOptions {
    /** Required on the first frame (the global colour table); a later frame without one uses it. */
    palette?: Palette;
    /** Milliseconds (rounded to hundredths of a second). */
    delay?: number;
    /** 0 loops forever. */
    repeat?: number;
  }
  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  export function GIFEncoder(): Encoder;
}
