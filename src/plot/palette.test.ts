import { describe, expect, it } from 'vitest';
import { CLASS_COLORS, CLASS_COLORS_DARK, DARK, LIGHT, classPixelsWithAlpha, packRgba } from './palette';

type Rgb = [number, number, number];

// Machado, Oliveira & Fernandes (2009), severity 1, applied to linear RGB.
const DICHROMATS: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toLinear = (hex: string): Rgb =>
  [16, 8, 0].map((s) => linear(((parseInt(hex.slice(1), 16) >> s) & 255) / 255)) as Rgb;
const simulate = (c: Rgb, m?: number[][]): Rgb =>
  m ? (m.map((r) => Math.min(1, Math.max(0, r[0]! * c[0] + r[1]! * c[1] + r[2]! * c[2]))) as Rgb) : c;

function lab([r, g, b]: Rgb): Rgb {
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const fx = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047),
    fy = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const fz = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

// CIEDE2000 (Sharma, Wu & Dalal 2005).
function deltaE2000([l1, a1, b1]: Rgb, [l2, a2, b2]: Rgb): number {
  const rad = Math.PI / 180,
    c7 = (c: number) => Math.sqrt(c ** 7 / (c ** 7 + 25 ** 7));
  const g = 0.5 * (1 - c7((Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2));
  const p1 = a1 * (1 + g),
    p2 = a2 * (1 + g),
    c1 = Math.hypot(p1, b1),
    c2 = Math.hypot(p2, b2);
  const hue = (a: number, b: number) => (a === 0 && b === 0 ? 0 : (Math.atan2(b, a) / rad + 360) % 360);
  const h1 = hue(p1, b1),
    h2 = hue(p2, b2),
    both = c1 * c2 !== 0;
  const dh = !both ? 0 : Math.abs(h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
  const dH = 2 * Math.sqrt(c1 * c2) * Math.sin((dh * rad) / 2);
  const lm = (l1 + l2) / 2,
    cm = (c1 + c2) / 2;
  const hm = !both ? h1 + h2 : Math.abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : (h1 + h2 + (h1 + h2 < 360 ? 360 : -360)) / 2;
  const t =
    1 -
    0.17 * Math.cos((hm - 30) * rad) +
    0.24 * Math.cos(2 * hm * rad) +
    0.32 * Math.cos((3 * hm + 6) * rad) -
    0.2 * Math.cos((4 * hm - 63) * rad);
  const sl = 1 + (0.015 * (lm - 50) ** 2) / Math.sqrt(20 + (lm - 50) ** 2),
    sc = 1 + 0.045 * cm,
    sh = 1 + 0.015 * cm * t;
  const rt = -Math.sin(2 * 30 * Math.exp(-(((hm - 275) / 25) ** 2)) * rad) * 2 * c7(cm);
  return Math.sqrt(((l2 - l1) / sl) ** 2 + ((c2 - c1) / sc) ** 2 + (dH / sh) ** 2 + rt * ((c2 - c1) / sc) * (dH / sh));
}

/** Smallest CIEDE2000 difference between any two colours, for normal vision and each dichromat. */
function smallestDifference(colors: readonly string[]): number {
  let least = Infinity;
  for (const m of [undefined, ...Object.values(DICHROMATS)]) {
    const labs = colors.map((c) => lab(simulate(toLinear(c), m)));
    labs.forEach((a, i) =>
      labs.slice(i + 1).forEach((b) => {
        least = Math.min(least, deltaE2000(a, b));
      }),
    );
  }
  return least;
}

describe('class palette', () => {
  it('checks CIEDE2000 against Sharma et al.’s first test pair', () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485]).toFixed(4)).toBe('2.0425');
  });

  it('keeps ten classes apart for normal vision and three dichromacies', () => {
    expect(CLASS_COLORS).toHaveLength(10);
    expect(smallestDifference(CLASS_COLORS).toFixed(1)).toBe('11.1');
    expect(smallestDifference(CLASS_COLORS_DARK).toFixed(1)).toBe('8.7');
    expect(
      smallestDifference([
        '#E69F00',
        '#56B4E9',
        '#009E73',
        '#F0E442',
        '#0072B2',
        '#D55E00',
        '#CC79A7',
        '#000000',
      ]).toFixed(1),
    ).toBe('10.9');
  });

  it('gives each theme its background, lines and packed classes', () => {
    expect(LIGHT.background).toBe('#FFFFFF');
    expect(DARK.classPixels[6]).toBe(packRgba('#9977EE'));
    expect(classPixelsWithAlpha(['#102030'], 64)[0]?.toString(16)).toBe('40302010');
  });
});
