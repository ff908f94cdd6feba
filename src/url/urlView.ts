import { NO_ZOOM, type ZoomLike } from '../math/zoom';
import { DEFAULT_VIEW, MAX_POINTS_LIMITS, SIGMAS, type SelectedCell, type Sigma, type ViewState } from '../store/view';
import { correctChoice, correctFlag, correctNumber, quote, type Corrected, type Range } from './correct';
import type { UrlParam } from './urlSchema';

type Take = <V>(r: Corrected<V>) => V;

/** The on/off view switches and their URL parameters. */
const FLAGS = [
  ['field', 'field'],
  ['boundaries', 'boundaries'],
  ['density', 'density'],
  ['misclassified', 'misclassifiedOnly'],
] as const satisfies readonly (readonly [UrlParam, keyof ViewState])[];

/** How far the linked zoom goes (as d3-zoom's scale extent in the panels). */
const ZOOM_K: Range = { min: 0.5, max: 64, integer: false, zeroAllowed: false };

/**
 * How far the linked zoom pans, in panel sides: at the largest scale that reaches past every
 * edge. Beyond it a pan shows nothing, and a huge one would be written back as Infinity.
 */
const ZOOM_PAN: Range = { min: -ZOOM_K.max, max: ZOOM_K.max, integer: false, zeroAllowed: false };

const clamp = (v: number, r: Range) => Math.min(r.max, Math.max(r.min, v));

/** Which ellipses: `learned`, `empirical`, both comma-separated, or `none`. */
function parseEllipses(raw: string): Corrected<Pick<ViewState, 'learnedEllipses' | 'empiricalEllipses'>> {
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = asked.filter((s) => s !== 'learned' && s !== 'empirical' && s !== 'none');
  const value = { learnedEllipses: asked.includes('learned'), empiricalEllipses: asked.includes('empirical') };
  return bad.length
    ? { value, notice: `ellipses=${quote(raw)}: ${bad.map(quote).join(', ')} ignored (learned, empirical or none)` }
    : { value };
}

/** σ levels from `1,2,3`; unknown ones are dropped, and none at all falls back to the default. */
function parseSigmas(raw: string): Corrected<Sigma[]> {
  const asked = raw.split(',').map((s) => s.trim());
  const value = SIGMAS.filter((s) => asked.includes(String(s)));
  if (value.length === asked.length) return { value };
  const kept = value.length ? value : DEFAULT_VIEW.sigmas;
  return { value: kept, notice: `sigmas=${quote(raw)}: only 1, 2 and 3 σ are drawn; using ${kept.join(',')}` };
}

/** A confusion cell `head:true:predicted`, with head < heads and classes 0–9; anything else clears it. */
function parseCell(raw: string, heads: number): Corrected<SelectedCell | null> {
  const parts = raw.split(':').map((s) => (s === '' ? NaN : Number(s)));
  const [head, truth, predicted] = parts;
  const ok = (v: number | undefined, max: number) => v !== undefined && Number.isInteger(v) && v >= 0 && v < max;
  if (parts.length === 3 && ok(head, heads) && ok(truth, 10) && ok(predicted, 10))
    return { value: { head: head!, truth: truth!, predicted: predicted! } };
  return {
    value: null,
    notice: `cell=${quote(raw)} is not head:true:predicted (head 0–${heads - 1}, classes 0–9); no cell selected`,
  };
}

/** The linked zoom `k,x,y` (d3-zoom's scale, and its pan in panel sides). */
function parseZoom(raw: string, take: Take): ZoomLike {
  const parts = raw.split(',');
  const [k, x, y] = parts;
  if (
    parts.length !== 3 ||
    k === undefined ||
    x === undefined ||
    y === undefined ||
    !Number.isFinite(Number(x)) ||
    !Number.isFinite(Number(y))
  ) {
    return take({ value: NO_ZOOM, notice: `zoom=${quote(raw)} is not k,x,y; using no zoom` });
  }
  return {
    k: take(correctNumber('zoom scale', k, ZOOM_K, 1)),
    x: take(correctNumber('zoom x', x, ZOOM_PAN, 0)),
    y: take(correctNumber('zoom y', y, ZOOM_PAN, 0)),
  };
}

/** The view a URL asks for; invalid values are corrected (or dropped) with a notice each. */
export function viewFromUrl(q: URLSearchParams, heads: number, take: Take): ViewState {
  const view: ViewState = { ...DEFAULT_VIEW };
  const raw = (name: UrlParam) => q.get(name);
  if (raw('ellipses') !== null) Object.assign(view, take(parseEllipses(raw('ellipses')!)));
  if (raw('sigmas') !== null) view.sigmas = take(parseSigmas(raw('sigmas')!));
  for (const [name, key] of FLAGS)
    if (raw(name) !== null) view[key] = take(correctFlag(name, raw(name)!, DEFAULT_VIEW[key]));
  if (raw('cell') !== null) view.cell = take(parseCell(raw('cell')!, heads));
  if (raw('zoom') !== null) view.zoom = parseZoom(raw('zoom')!, take);
  if (raw('axes') !== null)
    view.sharedAxes = take(correctChoice('axes', raw('axes')!, ['panel', 'shared'], 'panel', (v) => v)) === 'shared';
  if (raw('draw') !== null)
    view.maxPoints = take(
      correctNumber(
        'draw',
        raw('draw')!,
        { ...MAX_POINTS_LIMITS, integer: true, zeroAllowed: false },
        DEFAULT_VIEW.maxPoints,
      ),
    );
  if (raw('theme') !== null)
    view.theme = take(
      correctChoice('theme', raw('theme')!, ['light', 'dark'], DEFAULT_VIEW.theme, (v) =>
        v === 'dark' ? 'dark' : 'light',
      ),
    );
  return view;
}

/** A zoom number in its range, to 1/10,000 (a thirtieth of a pixel on a 300-px panel), so links stay short and parse back. */
const short = (v: number, r: Range) => String(Math.round(clamp(v, r) * 1e4) / 1e4);

/** Writes what differs from the default view into `q`. */
export function viewToUrl(view: ViewState, q: URLSearchParams): void {
  const d = DEFAULT_VIEW;
  if (view.learnedEllipses !== d.learnedEllipses || view.empiricalEllipses !== d.empiricalEllipses) {
    const kinds = [...(view.learnedEllipses ? ['learned'] : []), ...(view.empiricalEllipses ? ['empirical'] : [])];
    q.set('ellipses', kinds.length ? kinds.join(',') : 'none');
  }
  if (view.sigmas.join() !== d.sigmas.join()) q.set('sigmas', view.sigmas.join(','));
  for (const [name, key] of FLAGS) if (view[key] !== d[key]) q.set(name, view[key] ? '1' : '0');
  if (view.cell) q.set('cell', `${view.cell.head}:${view.cell.truth}:${view.cell.predicted}`);
  const z = view.zoom;
  if (z.k !== 1 || z.x !== 0 || z.y !== 0)
    q.set('zoom', [short(z.k, ZOOM_K), short(z.x, ZOOM_PAN), short(z.y, ZOOM_PAN)].join(','));
  if (view.sharedAxes) q.set('axes', 'shared');
  if (view.maxPoints !== d.maxPoints) q.set('draw', String(view.maxPoints));
  if (view.theme !== d.theme) q.set('theme', view.theme);
}
