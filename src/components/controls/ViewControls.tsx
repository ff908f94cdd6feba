import type { ReactNode } from 'react';
import { useLab } from '../labContext';
import { NO_ZOOM } from '../../math/zoom';
import { MAX_POINTS_LIMITS, SIGMAS, type ViewState } from '../../store/view';
import { NumberControl } from './NumberControl';

type Flag =
  'learnedEllipses' | 'empiricalEllipses' | 'field' | 'boundaries' | 'density' | 'misclassifiedOnly' | 'sharedAxes';

/** The view's switches, each with its visible label (also its accessible name), a tooltip, and the switch it works under. */
const FLAGS: { key: Flag; label: string; title: string; requires?: Flag }[] = [
  { key: 'learnedEllipses', label: 'learned ellipses', title: 'The head\u2019s own Gaussians (L-GM, ICU): solid' },
  {
    key: 'empiricalEllipses',
    label: 'empirical ellipses',
    title: 'Mean and covariance of the drawn digits, every head: dashed',
  },
  {
    key: 'field',
    label: 'decision field',
    title: 'Each point of the plane in the colour of the class the head predicts there',
  },
  { key: 'boundaries', label: 'boundaries', title: 'Where the head\u2019s prediction changes class' },
  {
    key: 'density',
    label: 'likelihood density',
    title: 'L-GM and ICU: the mixture likelihood instead of the class field',
    requires: 'field',
  },
  { key: 'misclassifiedOnly', label: 'show only misclassified', title: 'Hide the digits the head gets right' },
  {
    key: 'sharedAxes',
    label: 'shared axes',
    title: 'One scale for every head (feature scales differ ~25\u00d7 between heads)',
  },
];

const POINTS = { ...MAX_POINTS_LIMITS, scale: 'log', zeroAllowed: false, integer: true } as const;

/** A checkbox with its label. */
function Check({
  checked,
  onChange,
  title,
  disabled,
  children,
}: {
  checked: boolean;
  onChange: (on: boolean) => void;
  title?: string;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <label className="check" title={title}>
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

/** What the panels show: overlays, σ levels, filter, axes, points per panel, theme, zoom reset. */
export function ViewControls() {
  const { useStore } = useLab();
  const view = useStore((s) => s.view);
  const { setView, toggleSigma } = useStore.getState();
  const set = (patch: Partial<ViewState>) => setView(patch);
  const zoomed = view.zoom.k !== 1 || view.zoom.x !== 0 || view.zoom.y !== 0;
  return (
    <section className="view-controls" aria-label="view">
      {FLAGS.map((f) => (
        <Check
          key={f.key}
          checked={view[f.key]}
          title={f.title}
          disabled={f.requires && !view[f.requires]}
          onChange={(on) => set({ [f.key]: on })}
        >
          {f.label}
        </Check>
      ))}
      <fieldset className="sigmas">
        <legend>ellipses at</legend>
        {SIGMAS.map((s) => (
          <Check key={s} checked={view.sigmas.includes(s)} onChange={() => toggleSigma(s)}>{`${s}σ`}</Check>
        ))}
      </fieldset>
      <label className="choice-control">
        <span className="control-label">Theme</span>
        <select
          aria-label="theme"
          value={view.theme}
          onChange={(e) => set({ theme: e.target.value === 'dark' ? 'dark' : 'light' })}
        >
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
      <button
        type="button"
        disabled={!zoomed}
        onClick={() => set({ zoom: NO_ZOOM })}
        title="Zoom: wheel or pinch; pan: drag"
      >
        Reset zoom
      </button>
      <NumberControl
        label="Points per panel"
        spoken="points per panel"
        scale={POINTS}
        value={view.maxPoints}
        onChange={(v) => set({ maxPoints: v })}
        hint="At most this many of a frame's digits are drawn in each panel (a random subset)."
      />
    </section>
  );
}
