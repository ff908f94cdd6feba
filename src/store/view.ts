import { NO_ZOOM, type ZoomLike } from '../math/zoom';

/** A k-σ ellipse the panels may draw. */
export type Sigma = 1 | 2 | 3;

/** The σ levels offered, in order. */
export const SIGMAS: readonly Sigma[] = [1, 2, 3];

/** A confusion-matrix cell of one head's evaluation: its digits are highlighted in that head's panels. */
export interface SelectedCell {
  head: number;
  truth: number;
  predicted: number;
}

/** How the lab shows a run: overlays, filter, zoom, axes, theme. It lives in the URL with the run's setup. */
export interface ViewState {
  learnedEllipses: boolean;
  empiricalEllipses: boolean;
  sigmas: Sigma[];
  field: boolean;
  boundaries: boolean;
  /** The L-GM/ICU likelihood as a veil instead of the class field. */
  density: boolean;
  misclassifiedOnly: boolean;
  cell: SelectedCell | null;
  /** One zoom for every panel (linked zoom and pan): d3-zoom's scale, and its pan in panel sides so it fits any panel size. */
  zoom: ZoomLike;
  /** One domain for every head's panels; otherwise each head gets its own axes (feature scales differ ~25× between heads). */
  sharedAxes: boolean;
  /** At most this many of a frame's digits are drawn per panel (frames carry a seeded random order, so a prefix is a random subset). */
  maxPoints: number;
  theme: 'light' | 'dark';
}

/** Range of the points-per-panel control: a handful up to all of MNIST's training digits. */
export const MAX_POINTS_LIMITS = { min: 10, max: 60_000 } as const;

/** The view a fresh lab opens with. */
export const DEFAULT_VIEW: ViewState = {
  learnedEllipses: true,
  empiricalEllipses: true,
  sigmas: [2],
  field: true,
  boundaries: true,
  density: false,
  misclassifiedOnly: false,
  cell: null,
  zoom: NO_ZOOM,
  sharedAxes: false,
  maxPoints: MAX_POINTS_LIMITS.max,
  theme: 'light',
};

/** Every way the view changes. */
export interface ViewActions {
  setView(patch: Partial<ViewState>): void;
  /** Turns one σ level on or off (the last one stays on: an ellipse toggle covers "none"). */
  toggleSigma(sigma: Sigma): void;
  /** Selects a confusion cell, or clears it when it is already selected. */
  toggleCell(cell: SelectedCell): void;
}

/** The σ levels with `sigma` switched, kept sorted and never empty. */
export function switchSigma(sigmas: readonly Sigma[], sigma: Sigma): Sigma[] {
  const next = sigmas.includes(sigma) ? sigmas.filter((s) => s !== sigma) : [...sigmas, sigma];
  return next.length ? SIGMAS.filter((s) => next.includes(s)) : [...sigmas];
}

/** Whether two cells are the same. */
function sameCell(a: SelectedCell | null, b: SelectedCell | null): boolean {
  return !!a && !!b && a.head === b.head && a.truth === b.truth && a.predicted === b.predicted;
}

/** zustand's `set` as a slice sees it (named so as not to shadow the built-in `Set`). */
type SetState<S> = (f: Partial<S> | ((s: S) => Partial<S>)) => void;

/** The view slice of the lab store. */
export function createViewSlice(
  set: SetState<{ view: ViewState }>,
  view: ViewState,
): { view: ViewState } & ViewActions {
  const patch = (f: (v: ViewState) => Partial<ViewState>) => set((s) => ({ view: { ...s.view, ...f(s.view) } }));
  return {
    view,
    setView: (p) => patch(() => p),
    toggleSigma: (sigma) => patch((v) => ({ sigmas: switchSigma(v.sigmas, sigma) })),
    toggleCell: (cell) => patch((v) => ({ cell: sameCell(v.cell, cell) ? null : cell })),
  };
}
