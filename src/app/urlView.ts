import { NO_ZOOM, type ZoomLike } from '../plot/domain';
import { DEFAULT_VIEW, MAX_POINTS_LIMITS, SIGMAS, type SelectedCell, type Sigma, type ViewState } from '../store/view';
import { correctChoice, correctNumber, type Corrected } from './correct';

type Take = <V>(r: Corrected<V>) => V;

/** The on/off view switches and their URL parameters. */
const FLAGS = [['field', 'field'], ['boundaries', 'boundaries'], ['density', 'density'], ['misclassified', 'misclassifiedOnly']] as const;

const ON = ['1', 'true', 'yes', 'on'], OFF = ['0', 'false', 'no', 'off'];

/** How far the linked zoom goes (as d3-zoom's scale extent in the panels). */
const ZOOM_K = { min: 0.5, max: 64, integer: false, zeroAllowed: false } as const;

/** A flag: 1/0 (true/false, yes/no, on/off also read). */
function parseFlag(name: string, raw: string, fallback: boolean): Corrected<boolean> {
  if (ON.includes(raw)) return { value: true };
  if (OFF.includes(raw)) return { value: false };
  return { value: fallback, notice: `${name}=${raw} is not 1 or 0; using ${fallback ? 1 : 0}` };
}

/** Which ellipses: `learned`, `empirical`, both comma-separated, or `none`. */
function parseEllipses(raw: string): Corrected<Pick<ViewState, 'learnedEllipses' | 'empiricalEllipses'>> {
  const asked = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = asked.filter((s) => s !== 'learned' && s !== 'empirical' && s !== 'none');
  const value = { learnedEllipses: asked.includes('learned'), empiricalEllipses: asked.includes('empirical') };
  return bad.length ? { value, notice: `ellipses=${raw}: ${bad.join(', ')} ignored (learned, empirical or none)` } : { value };
}

/** σ levels from `1,2,3`; unknown ones are dropped, and none at all falls back to the default. */
function parseSigmas(raw: string): Corrected<Sigma[]> {
  const asked = raw.split(',').map((s) => s.trim());
  const value = SIGMAS.filter((s) => asked.includes(String(s)));
  if (value.length === asked.length) return { value };
  const kept = value.length ? value : DEFAULT_VIEW.sigmas;
  return { value: kept, notice: `sigmas=${raw}: only 1, 2 and 3 σ are drawn; using ${kept.join(',')}` };
}

/** A confusion cell `head:true:predicted`, with head < heads and classes 0–9; anything else clears it. */
function parseCell(raw: string, heads: number): Corrected<SelectedCell | null> {
  const [head, truth, predicted] = raw.split(':').map((s) => (s === '' ? NaN : Number(s)));
  const ok = (v: number | undefined, max: number) => v !== undefined && Number.isInteger(v) && v >= 0 && v < max;
  if (ok(head, heads) && ok(truth, 10) && ok(predicted, 10)) return { value: { head: head!, truth: truth!, predicted: predicted! } };
  return { value: null, notice: `cell=${raw} is not head:true:predicted (head 0–${heads - 1}, classes 0–9); no cell selected` };
}

/** The linked zoom `k,x,y` (d3-zoom's scale, and its pan in panel sides). */
function parseZoom(raw: string, take: Take): ZoomLike {
  const [k, x, y] = raw.split(',');
  if (x === undefined || y === undefined || !Number.isFinite(Number(x)) || !Number.isFinite(Number(y))) {
    return take({ value: NO_ZOOM, notice: `zoom=${raw} is not k,x,y; using no zoom` });
  }
  return { k: take(correctNumber('zoom scale', k ?? '', ZOOM_K, 1)), x: Number(x), y: Number(y) };
}

/** The view a URL asks for; invalid values are corrected (or dropped) with a notice each. */
export function viewFromUrl(q: URLSearchParams, heads: number, take: Take): ViewState {
  const view: ViewState = { ...DEFAULT_VIEW };
  const raw = (name: string) => q.get(name);
  if (raw('ellipses') !== null) Object.assign(view, take(parseEllipses(raw('ellipses')!)));
  if (raw('sigmas') !== null) view.sigmas = take(parseSigmas(raw('sigmas')!));
  for (const [name, key] of FLAGS) if (raw(name) !== null) view[key] = take(parseFlag(name, raw(name)!, DEFAULT_VIEW[key]));
  if (raw('cell') !== null) view.cell = take(parseCell(raw('cell')!, heads));
  if (raw('zoom') !== null) view.zoom = parseZoom(raw('zoom')!, take);
  if (raw('axes') !== null) view.sharedAxes = take(correctChoice('axes', raw('axes')!, ['panel', 'shared'], 'panel', (v) => v)) === 'shared';
  if (raw('draw') !== null) view.maxPoints = take(correctNumber('draw', raw('draw')!, { ...MAX_POINTS_LIMITS, integer: true, zeroAllowed: false }, DEFAULT_VIEW.maxPoints));
  if (raw('theme') !== null) view.theme = take(correctChoice('theme', raw('theme')!, ['light', 'dark'], DEFAULT_VIEW.theme, (v) => (v === 'dark' ? 'dark' : 'light')));
  return view;
}

/** A zoom number to 1/10,000 (a thirtieth of a pixel on a 300-px panel), so links stay short. */
const short = (v: number) => String(Math.round(v * 1e4) / 1e4);

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
  if (z.k !== 1 || z.x !== 0 || z.y !== 0) q.set('zoom', [z.k, z.x, z.y].map(short).join(','));
  if (view.sharedAxes) q.set('axes', 'shared');
  if (view.maxPoints !== d.maxPoints) q.set('draw', String(view.maxPoints));
  if (view.theme !== d.theme) q.set('theme', view.theme);
}
