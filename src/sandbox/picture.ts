import { anyHead } from '../loss/heads';
import { planeGaussians } from '../loss/plane';
import { axisTicks, type Tick } from '../plot/axes';
import { boundaryPath } from '../plot/boundaries';
import { boundaryScores, classifyGrid, createFieldGrid, fieldPixels, type FieldGrid } from '../plot/decisionField';
import { plotMaps, type Domain } from '../plot/domain';
import { ELLIPSE_STYLE, ellipsePath, toPixelEllipse } from '../plot/ellipses';
import { px } from '../plot/format';
import { typedHead } from '../plot/headParams';
import { classPixelsWithAlpha, packRgba, type Theme } from '../plot/palette';
import { axisItems, type Scene, type SceneItem } from '../plot/scene';
import { classCount, EXTENT, headParams32, headSigmas, type Pull, type Sample, type SandboxState } from './sandbox';

/**
 * What the sandbox draws, as scene items in the plot's CSS pixels (the screen and the PNG/SVG export
 * draw the same items): the head's decision field, for a Gaussian head the margin band and the slack
 * region, the decision boundaries, the Gaussians' 1σ and 2σ ellipses, the sample, the probe, and after
 * Step the regularizer's pull.
 */

/** Side of the plot in CSS pixels, and of the field grid in cells (3 px each). */
export const PLOT_SIZE = 480;
const CELLS = 160;

/** The plane shown: fixed, so the field never jumps while a handle moves. */
const DOMAIN: Domain = { x: [-EXTENT, EXTENT], y: [-EXTENT, EXTENT] };

/** The data → pixel maps of the plot. */
export const MAPS = plotMaps(DOMAIN, PLOT_SIZE, PLOT_SIZE);

/** The data point under a plot pixel (the inverse of MAPS). */
export const toData = (x: number, y: number): [number, number] => [
  (x - MAPS.mx.offset) / MAPS.mx.scale,
  (y - MAPS.my.offset) / MAPS.my.scale,
];

/** A data point's plot pixel. */
export const toPixel = (x: number, y: number): [number, number] => [
  MAPS.mx.offset + MAPS.mx.scale * x,
  MAPS.my.offset + MAPS.my.scale * y,
];

/**
 * The two regions a Gaussian head's margins shape, per cell of a classified grid (1 inside):
 * - margin band: the cell's inference class c loses at training time, i.e. c's training logit
 *   (Eq. 17: −(1+α)(d_c + ln(1+γ)) under 'full', −((1+α)·½maha_c + ½ln|Σ_c| + ln(1+γ)) under
 *   'mahalanobis') is below the best other class's −d_j. A sample of class c there counts as wrong
 *   in training though inference gets it right; α and γ widen it.
 * - slack: under 'full', where d_c + ln(1+γ) < 0 (possible only where ln|Σ_c| < 0), so the (1+α)
 *   factor raises c's true logit: α helps the true class there instead of demanding a margin.
 * Null for a head whose classes are not Gaussians.
 */
export function marginRegions(
  s: SandboxState,
  xy: Float32Array,
  classes: Uint8Array,
): { margin: Uint8Array; slack: Uint8Array } | null {
  const reading = anyHead(s.head).gaussian?.(s.hyper);
  if (!reading) return null;
  const params = headParams32(s);
  const g = planeGaussians({ means: params.means!, logVars: params.logVars });
  const k = g.length,
    n = classes.length,
    scale = 1 + reading.alpha,
    shift = Math.log1p(reading.gamma);
  const margin = new Uint8Array(n),
    slack = new Uint8Array(n),
    halfMaha = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const x = xy[2 * i]!,
      y = xy[2 * i + 1]!,
      c = classes[i]!;
    let rival = -Infinity;
    for (let j = 0; j < k; j++) {
      const q = g[j]!;
      halfMaha[j] = 0.5 * ((x - q.mx) ** 2 * q.ivx + (y - q.my) ** 2 * q.ivy);
      if (j !== c) rival = Math.max(rival, -(halfMaha[j]! + q.halfLogDet));
    }
    const d = halfMaha[c]! + g[c]!.halfLogDet;
    const train = reading.on === 'full' ? -scale * (d + shift) : -(scale * halfMaha[c]! + g[c]!.halfLogDet + shift);
    margin[i] = train < rival ? 1 : 0;
    slack[i] = reading.on === 'full' && d + shift < 0 ? 1 : 0;
  }
  return { margin, slack };
}

/** Numbers the page exposes (data-* attributes) so tests and readers can tell what was drawn. */
export interface PictureStats {
  /** FNV-1a hash of the field's class per cell: changes whenever a cell changes class. */
  fieldHash: string;
  /** Cells per class. */
  counts: number[];
  marginCells: number;
  slackCells: number;
}

/** One drawn sandbox: the field image and the vector items over it, in plot pixels, and its stats. */
export interface SandboxPicture {
  field: { nx: number; ny: number; pixels: Uint32Array };
  items: SceneItem[];
  xTicks: Tick[];
  yTicks: Tick[];
  stats: PictureStats;
}

/** Reusable buffers: the field grid and its pixels. */
export interface PictureScratch {
  grid: FieldGrid;
  pixels: Uint32Array;
}

export const createScratch = (): PictureScratch => ({
  grid: createFieldGrid(CELLS, CELLS),
  pixels: new Uint32Array(CELLS * CELLS),
});

function fnv1a(bytes: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Alphas of the field: the class colour faint, stronger under the slack stripes and in the margin band. */
const FIELD_ALPHA = 60,
  STRONG_ALPHA = 150,
  STRIPE = packRgba('#FFFFFF', 220);

/** A '#rrggbb' colour mixed with dark grey (share t of the grey): the band keeps its class's hue, darkened. */
function darkened(hex: string, t: number): string {
  const n = parseInt(hex.slice(1), 16),
    mix = (shift: number) => Math.round(((n >> shift) & 255) * (1 - t) + 0x40 * t);
  return `#${[16, 8, 0].map((sh) => mix(sh).toString(16).padStart(2, '0')).join('')}`;
}

/** The field's pixels: class colours, the margin band darkened, the slack region striped diagonally. */
function paintField(
  classes: Uint8Array,
  regions: ReturnType<typeof marginRegions>,
  theme: Theme,
  out: Uint32Array,
): Uint32Array {
  fieldPixels(classes, classPixelsWithAlpha(theme.classes, FIELD_ALPHA), out);
  if (!regions) return out;
  const strong = classPixelsWithAlpha(theme.classes, STRONG_ALPHA),
    band = Uint32Array.from(theme.classes, (c) => packRgba(darkened(c, 0.6), STRONG_ALPHA));
  for (let i = 0; i < out.length; i++) {
    if (regions.margin[i]) out[i] = band[classes[i]!]!;
    else if (regions.slack[i]) out[i] = ((i % CELLS) + Math.floor(i / CELLS)) % 6 < 2 ? STRIPE : strong[classes[i]!]!;
  }
  return out;
}

/** A circle of radius r around (x, y) as a path. */
const circle = (x: number, y: number, r: number) =>
  `M${px(x + r)},${px(y)}a${r},${r} 0 1 0 ${-2 * r},0a${r},${r} 0 1 0 ${2 * r},0`;

/** An arrow from (x0, y0) to (x1, y1) in pixels, with a 7-px head. */
function arrowPath(x0: number, y0: number, x1: number, y1: number): string {
  const t = Math.atan2(y1 - y0, x1 - x0),
    h = 7;
  const wing = (a: number) => `M${px(x1)},${px(y1)}L${px(x1 - h * Math.cos(t + a))},${px(y1 - h * Math.sin(t + a))}`;
  return `M${px(x0)},${px(y0)}L${px(x1)},${px(y1)}${wing(0.45)}${wing(-0.45)}`;
}

/** A stroke over a background-coloured halo, so it reads over any class colour. */
const haloed = (d: string, stroke: string, width: number, dash: string | null, halo: string): SceneItem[] => [
  { kind: 'path', d, stroke: halo, width: width + 2, dash, opacity: 0.8 },
  { kind: 'path', d, stroke, width, dash },
];

/** The sample as one path of small dots per class. */
function sampleItems(sample: Sample, theme: Theme): SceneItem[] {
  const paths: string[] = [];
  sample.labels.forEach((c, i) => {
    const [x, y] = toPixel(sample.points[2 * i]!, sample.points[2 * i + 1]!);
    paths[c] = (paths[c] ?? '') + circle(x, y, 2.2);
  });
  return paths.flatMap((d, c) =>
    d ? [{ kind: 'path', d, fill: theme.classes[c], stroke: theme.text, width: 0.5 }] : [],
  );
}

/** Each class's 1σ and 2σ ellipse (axis-aligned: the sandbox's covariances are diagonal) and a cross at its mean. */
function gaussianItems(s: SandboxState, theme: Theme): SceneItem[] {
  const sigmas = headSigmas(s);
  return Array.from({ length: classCount(s) }, (_, c) => {
    const [cx, cy, rx, ry] = [s.means[2 * c]!, s.means[2 * c + 1]!, sigmas[2 * c]!, sigmas[2 * c + 1]!];
    const colour = theme.classes[c] ?? theme.text,
      [x, y] = toPixel(cx, cy);
    return [
      ...[1, 2].flatMap((k) =>
        haloed(
          ellipsePath(toPixelEllipse({ cx, cy, rx: k * rx, ry: k * ry, angle: 0 }, MAPS.mx, MAPS.my)),
          colour,
          ELLIPSE_STYLE.learned.width,
          k === 1 ? null : '4 3',
          theme.background,
        ),
      ),
      ...haloed(
        `M${px(x - 6)},${px(y)}H${px(x + 6)}M${px(x)},${px(y - 6)}V${px(y + 6)}`,
        colour,
        2,
        null,
        theme.background,
      ),
    ];
  }).flat();
}

/** The probe: a ringed × in the text colour (no class's colour). */
function probeItems(s: SandboxState, theme: Theme): SceneItem[] {
  const [x, y] = toPixel(...s.probe);
  return haloed(
    `${circle(x, y, 8)}M${px(x - 5)},${px(y - 5)}L${px(x + 5)},${px(y + 5)}M${px(x - 5)},${px(y + 5)}L${px(x + 5)},${px(y - 5)}`,
    theme.text,
    2,
    null,
    theme.background,
  );
}

/** "slack" written under each class's slack region (where it is large enough to read), clear of the mean's handle. */
function slackLabels(classes: Uint8Array, slack: Uint8Array, xy: Float32Array, k: number, theme: Theme): SceneItem[] {
  const at = Array.from({ length: k }, () => ({ x: 0, low: Infinity, n: 0 }));
  slack.forEach((v, i) => {
    if (!v) return;
    const t = at[classes[i]!]!;
    t.x += xy[2 * i]!;
    t.low = Math.min(t.low, xy[2 * i + 1]!);
    t.n += 1;
  });
  return at.flatMap(({ x, low, n }): SceneItem[] => {
    if (n < 40) return [];
    const [px0, py0] = toPixel(x / n, low);
    return [
      { kind: 'text', x: px0, y: py0 + 14, text: 'slack', size: 11, fill: theme.text, anchor: 'middle', bold: true },
    ];
  });
}

/** Length in pixels the longest pull arrow is drawn at (its true length is the reg part's share of the step). */
const ARROW_PX = 40;

/**
 * The regularizer's pull (Eq. 14) of the last Step: at each mean an arrow along −lr·∂reg/∂μ (toward the
 * batch mean μ̄, which a dashed line and ring mark), at each σ handle one along the change of σ the reg part
 * made (toward the batch variance); all drawn × `gain` (a power of 10 or 2·5·…), which the label states.
 */
function pullItems(s: SandboxState, pull: Pull, theme: Theme): SceneItem[] {
  const k = classCount(s),
    logVars = pull.logVars,
    perClass = logVars ? logVars.length / k : 0;
  const arrows: [number, number, number, number][] = [];
  for (let c = 0; c < k; c++) {
    const [mx, my, sx, sy] = [s.means[2 * c]!, s.means[2 * c + 1]!, s.sigmas[2 * c]!, s.sigmas[2 * c + 1]!];
    arrows.push([mx, my, -s.lr * pull.means[2 * c]!, -s.lr * pull.means[2 * c + 1]!]);
    // σ = e^{s/2}: a step −lr·g of s moves σ by σ(e^{−lr·g/2} − 1).
    if (!logVars) continue;
    const dSigma = (j: number, sigma: number) => sigma * (Math.exp((-s.lr * logVars[perClass * c + j]!) / 2) - 1);
    arrows.push([mx + sx, my, dSigma(0, sx), 0]);
    if (perClass === 2) arrows.push([mx, my + sy, 0, dSigma(1, sy)]);
  }
  const longest = Math.max(...arrows.map(([, , dx, dy]) => Math.hypot(dx, dy) * MAPS.mx.scale), 1e-12);
  const gain = niceGain(ARROW_PX / longest);
  const items: SceneItem[] = [];
  for (let c = 0; c < k; c++) {
    const [bx, by] = toPixel(pull.batchMeans[2 * c]!, pull.batchMeans[2 * c + 1]!),
      [mx, my] = toPixel(s.means[2 * c]!, s.means[2 * c + 1]!);
    if (Number.isFinite(bx + by))
      items.push({
        kind: 'path',
        d: `M${px(mx)},${px(my)}L${px(bx)},${px(by)}${circle(bx, by, 4)}`,
        stroke: theme.text,
        width: 1,
        dash: '2 2',
      });
  }
  for (const [x, y, dx, dy] of arrows) {
    const [x0, y0] = toPixel(x, y),
      [x1, y1] = toPixel(x + gain * dx, y + gain * dy);
    if (Math.hypot(x1 - x0, y1 - y0) >= 1)
      items.push(...haloed(arrowPath(x0, y0, x1, y1), theme.text, 1.8, null, theme.background));
  }
  items.push({
    kind: 'text',
    x: 6,
    y: PLOT_SIZE - 8,
    text: `regularizer's pull, drawn ×${gain}`,
    size: 11,
    fill: theme.text,
  });
  return items;
}

/** The largest of 1, 2, 5, 10, 20, … not above g (at least 1): arrows are drawn long enough to see, at a readable scale. */
function niceGain(g: number): number {
  if (!(g > 1)) return 1;
  const p = 10 ** Math.floor(Math.log10(g));
  return [5, 2, 1].map((m) => m * p).find((v) => v <= g) ?? p;
}

/** Works out what the sandbox shows for a state, its sample and the last step's pull (null: none to show). */
export function sandboxPicture(
  s: SandboxState,
  sample: Sample,
  pull: Pull | null,
  theme: Theme,
  scratch: PictureScratch,
): SandboxPicture {
  const { grid } = scratch,
    k = classCount(s);
  const head = typedHead(s.head, headParams32(s));
  const classes = classifyGrid(grid, head, DOMAIN);
  const regions = marginRegions(s, grid.xy, classes);
  const counts = new Array<number>(k).fill(0);
  classes.forEach((c) => (counts[c] = (counts[c] ?? 0) + 1));
  const scores = boundaryScores(grid, head, k);
  const items: SceneItem[] = [
    {
      kind: 'path',
      d: boundaryPath(grid, scores, k, PLOT_SIZE, PLOT_SIZE),
      stroke: theme.boundary,
      width: 1,
      opacity: 0.85,
    },
    ...(regions ? slackLabels(classes, regions.slack, grid.xy, k, theme) : []),
    ...gaussianItems(s, theme),
    ...sampleItems(sample, theme),
    ...(pull ? pullItems(s, pull, theme) : []),
    ...probeItems(s, theme),
  ];
  const count = (m: Uint8Array | undefined) => (m ? m.reduce((a, b) => a + b, 0) : 0);
  return {
    field: { nx: grid.nx, ny: grid.ny, pixels: paintField(classes, regions, theme, scratch.pixels) },
    items,
    xTicks: axisTicks(MAPS.mx, 0, PLOT_SIZE),
    yTicks: axisTicks(MAPS.my, PLOT_SIZE, 0),
    stats: {
      fieldHash: fnv1a(classes),
      counts,
      marginCells: count(regions?.margin),
      slackCells: count(regions?.slack),
    },
  };
}

/** Margins of the plot inside a figure: room for tick labels left and below, a caption under it. */
export const FRAME = { left: 46, top: 10, right: 12, bottom: 58 };

/** The sandbox as an exportable figure: the plot, its axes, axis names and a caption line. */
export function sandboxScene(p: SandboxPicture, caption: string, theme: Theme): Scene {
  const s = PLOT_SIZE;
  return {
    width: FRAME.left + s + FRAME.right,
    height: FRAME.top + s + FRAME.bottom,
    background: theme.background,
    items: [
      {
        kind: 'group',
        x: FRAME.left,
        y: FRAME.top,
        clip: { w: s, h: s },
        items: [{ kind: 'field', x: 0, y: 0, w: s, h: s, ...p.field }, ...p.items],
      },
      { kind: 'group', x: FRAME.left, y: FRAME.top, items: axisItems({ size: s, ...p }, theme) },
      {
        kind: 'text',
        x: FRAME.left + s / 2,
        y: FRAME.top + s + 30,
        text: 'x',
        size: 11,
        fill: theme.text,
        anchor: 'middle',
      },
      {
        kind: 'text',
        x: 12,
        y: FRAME.top + s / 2,
        text: 'y',
        size: 11,
        fill: theme.text,
        anchor: 'middle',
        vertical: true,
      },
      { kind: 'text', x: FRAME.left, y: FRAME.top + s + 50, text: caption, size: 11, fill: theme.text },
    ],
  };
}
