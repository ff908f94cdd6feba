import { gaussianEllipses } from '../loss/gaussianEllipses';
import { classCount } from '../loss/heads';
import type { Ellipse } from '../math/ellipse';
import { empiricalEllipses } from '../math/gaussian2';
import type { HeadFrame, SampleEmbedding } from '../trainer/shared/protocol';
import { axisTicks, type Tick } from './axes';
import { boundaryPath } from './boundaries';
import {
  boundaryScores,
  classifyGrid,
  createFieldGrid,
  densityPixels,
  fieldPixels,
  gridScores,
  type FieldGrid,
} from './decisionField';
import type { ZoomLike } from '../math/zoom';
import { plotMaps, shownDomain, squareDomainOf, type Domain } from './domain';
import { ellipseMarks, meanCrosses, type CrossMark, type EllipseMark } from './ellipses';
import { gaussianParams, typedHead, type TypedHead } from './headParams';
import { classPixelsWithAlpha, packRgba, type Theme } from './palette';
import { filterMask, type AxisMap, type PointFilter } from './points';
import type { SplitName } from '../data/mnist';

/** What a panel overlays on its points. `density` swaps the class field for the L-GM/ICU likelihood. */
export interface PanelToggles {
  learnedEllipses: boolean;
  empiricalEllipses: boolean;
  sigmas: readonly (1 | 2 | 3)[];
  field: boolean;
  boundaries: boolean;
  density?: boolean;
}

/** How a panel shows a head: which sample, overlays, filter, domain, side in CSS pixels, zoom and theme. */
export interface PanelOptions {
  sample: SplitName;
  toggles: PanelToggles;
  filter: PointFilter;
  domain: Domain;
  size: number;
  zoom: ZoomLike;
  theme: Theme;
}

/** Each class's 1σ ellipses: the head's learned Gaussians (null for the non-Gaussian heads) and the sample's moments. */
export interface UnitEllipses {
  learned: Ellipse[] | null;
  empirical: (Ellipse | null)[];
}

/** A panel's reusable buffers: the field grid and its pixels, and the point masks. */
export interface PanelScratch {
  grid: FieldGrid;
  field: Uint32Array;
  keep: Uint8Array;
  highlight: Uint8Array;
}

/** Everything a panel draws, in its CSS-pixel space: the same picture feeds the screen and the export. */
export interface PanelPicture {
  size: number;
  maps: { mx: AxisMap; my: AxisMap };
  theme: Theme;
  sample: SampleEmbedding;
  /** Which points to draw (null: all), and which to draw on top in full colour, the rest dimmed (null: none). */
  keep: Uint8Array | null;
  highlight: Uint8Array | null;
  field: { nx: number; ny: number; pixels: Uint32Array } | null;
  boundary: string;
  ellipses: EllipseMark[];
  crosses: CrossMark[];
  xTicks: Tick[];
  yTicks: Tick[];
}

/** Alpha of the class field over the background: faint, so points and boundaries stay in front. */
const FIELD_ALPHA = 46;

/** Allocates a panel's buffers for a field of cells × cells (128 keeps a 480-px panel's field at ~4 px per cell). */
export function createPanelScratch(cells = 128): PanelScratch {
  return {
    grid: createFieldGrid(cells, cells),
    field: new Uint32Array(cells * cells),
    keep: new Uint8Array(0),
    highlight: new Uint8Array(0),
  };
}

/** The head's typed parameters and its class count (from its weight or mean rows). */
export function headInfo(head: HeadFrame): { typed: TypedHead; numClasses: number } {
  const typed = typedHead(head.head, head.params);
  return { typed, numClasses: classCount(typed.id, typed.params) };
}

/** The domain to draw: an explicit one, or for 'auto' the square around the head's train and test features (so both panels share axes). */
export function resolveDomain(head: HeadFrame, domain: Domain | 'auto'): Domain {
  return domain === 'auto' ? squareDomainOf([head.train.features, head.test.features]) : domain;
}

/** 1σ ellipses of a head and sample; compute once per frame, as zoom and toggles do not change them. */
export function unitEllipses(head: HeadFrame, sample: SplitName): UnitEllipses {
  const { typed, numClasses } = headInfo(head);
  const g = gaussianParams(typed),
    s = head[sample];
  return {
    learned: g ? gaussianEllipses(g, 1) : null,
    empirical: empiricalEllipses(s.features, s.labels, numClasses, 1),
  };
}

type FieldLayers = Pick<PanelPicture, 'field' | 'boundary'>;

/**
 * The last field layers worked out for each head's parameters (one frame's): a head's train and
 * test panels share their axes, so the second panel drawn takes the first's field and boundaries
 * instead of classifying the grid again (the costliest part of a redraw). Keyed by everything
 * else the layers depend on; the parameters' object goes with its frame.
 */
const fieldMemo = new WeakMap<object, { key: string; theme: Theme; layers: FieldLayers }>();

/** The class field (or likelihood veil) and boundaries over the shown domain (computed in the scratch buffers, kept in fieldMemo). */
function fieldLayers(head: HeadFrame, o: PanelOptions, shown: Domain, scratch: PanelScratch): FieldLayers {
  const { toggles, theme, size } = o,
    { grid } = scratch;
  if (!toggles.field && !toggles.boundaries) return { field: null, boundary: '' };
  const key = [
    grid.nx,
    grid.ny,
    size,
    ...shown.x,
    ...shown.y,
    toggles.field,
    toggles.boundaries,
    toggles.density === true,
  ].join(' ');
  const memo = fieldMemo.get(head.params);
  if (memo?.key === key && memo.theme === theme) return memo.layers;
  const layers = computeFieldLayers(head, o, shown, scratch);
  // The memo outlives this panel's next redraw, which reuses the scratch buffer: it keeps a copy.
  if (layers.field) layers.field = { ...layers.field, pixels: layers.field.pixels.slice() };
  fieldMemo.set(head.params, { key, theme, layers });
  return layers;
}

function computeFieldLayers(head: HeadFrame, o: PanelOptions, shown: Domain, scratch: PanelScratch): FieldLayers {
  const { toggles, theme, size } = o,
    { typed, numClasses } = headInfo(head),
    { grid } = scratch;
  const classes = classifyGrid(grid, typed, shown);
  const density = toggles.field && toggles.density === true && gaussianParams(typed) !== null;
  const scores = density
    ? gridScores(grid, typed)
    : toggles.boundaries
      ? boundaryScores(grid, typed, numClasses)
      : null;
  let field: PanelPicture['field'] = null;
  if (toggles.field) {
    const pixels =
      density && scores
        ? densityPixels(scores, numClasses, packRgba(theme.text), 110, scratch.field)
        : fieldPixels(classes, classPixelsWithAlpha(theme.classes, FIELD_ALPHA), scratch.field);
    field = { nx: grid.nx, ny: grid.ny, pixels };
  }
  return { field, boundary: scores && toggles.boundaries ? boundaryPath(grid, scores, numClasses, size, size) : '' };
}

/** The filter's masks in the scratch buffers: `keep` for misclassified-only, `highlight` for a confusion cell. */
function pointMasks(
  s: SampleEmbedding,
  filter: PointFilter,
  scratch: PanelScratch,
): Pick<PanelPicture, 'keep' | 'highlight'> {
  const n = s.labels.length;
  if (scratch.keep.length < n) {
    scratch.keep = new Uint8Array(n);
    scratch.highlight = new Uint8Array(n);
  }
  const keep = scratch.keep.subarray(0, n),
    highlight = scratch.highlight.subarray(0, n);
  const some = filter.misclassifiedOnly
    ? filterMask(s.labels, s.predictions, { misclassifiedOnly: true, cell: null }, keep)
    : -1;
  if (filter.cell) filterMask(s.labels, s.predictions, filter, highlight);
  return { keep: some < 0 ? null : keep, highlight: filter.cell ? highlight : null };
}

/** The panel's vector marks: k-σ ellipses and mean crosses, learned (Gaussian heads) and empirical, as toggled. */
function vectorLayers(
  units: UnitEllipses,
  toggles: PanelToggles,
  mx: AxisMap,
  my: AxisMap,
): Pick<PanelPicture, 'ellipses' | 'crosses'> {
  const sets = [
    ...(toggles.learnedEllipses && units.learned ? [['learned', units.learned] as const] : []),
    ...(toggles.empiricalEllipses ? [['empirical', units.empirical] as const] : []),
  ];
  return {
    ellipses: sets.flatMap(([kind, unit]) => ellipseMarks(kind, unit, toggles.sigmas, mx, my)),
    crosses: sets.flatMap(([kind, unit]) => meanCrosses(kind, unit, mx, my)),
  };
}

/**
 * A panel's field layers (class field, boundaries) for a head's frame, worked out ahead of its
 * picture: the costliest part of a redraw (all of it in the first frames, before the JIT has
 * warmed up), so the panel renderer gives it a task of its own; panelPicture then takes the
 * layers from fieldMemo.
 */
export function panelField(head: HeadFrame, o: PanelOptions, scratch: PanelScratch): FieldLayers {
  const { mx, my } = plotMaps(o.domain, o.size, o.size, o.zoom);
  return fieldLayers(head, o, shownDomain(mx, my, o.size, o.size), scratch);
}

/** Everything one panel draws for a head's frame, reusing `scratch`; `units` from unitEllipses of the same frame. */
export function panelPicture(
  head: HeadFrame,
  units: UnitEllipses,
  o: PanelOptions,
  scratch: PanelScratch,
): PanelPicture {
  const { mx, my } = plotMaps(o.domain, o.size, o.size, o.zoom);
  const sample = head[o.sample];
  return {
    size: o.size,
    maps: { mx, my },
    theme: o.theme,
    sample,
    ...pointMasks(sample, o.filter, scratch),
    ...fieldLayers(head, o, shownDomain(mx, my, o.size, o.size), scratch),
    ...vectorLayers(units, o.toggles, mx, my),
    xTicks: axisTicks(mx, 0, o.size, 5),
    yTicks: axisTicks(my, o.size, 0, 5),
  };
}
