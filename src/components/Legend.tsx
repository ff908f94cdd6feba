import { ELLIPSE_STYLE, type EllipseKind } from '../plot/ellipses';
import { usePlotTheme } from './grid/usePanelView';

const KINDS: { kind: EllipseKind; label: string }[] = [
  { kind: 'learned', label: 'learned Gaussian (L-GM, ICU), + its mean' },
  { kind: 'empirical', label: 'empirical: drawn digits\u2019 covariance, \u00d7 their mean' },
];

/** Digits 0–9 in the theme's colours, and the two ellipse styles. */
export function Legend() {
  const theme = usePlotTheme();
  return (
    <ul className="legend" aria-label="legend: digit classes">
      {theme.classes.map((color, digit) => (
        <li key={digit}>
          <span className="swatch" style={{ background: color }} aria-hidden="true" />
          {digit}
        </li>
      ))}
      {KINDS.map(({ kind, label }) => (
        <li key={kind} className="legend-kinds">
          <svg width={26} height={8} aria-hidden="true">
            <line
              x1={1}
              x2={25}
              y1={4}
              y2={4}
              stroke="currentColor"
              strokeWidth={ELLIPSE_STYLE[kind].width}
              strokeDasharray={ELLIPSE_STYLE[kind].dash ?? undefined}
            />
          </svg>{' '}
          {label}
        </li>
      ))}
    </ul>
  );
}
