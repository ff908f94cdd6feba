import { scaleLinear } from 'd3';
import { barLayout } from '../../plot/charts';
import { LIGHT, type Theme } from '../../plot/palette';

/** Props of the per-class accuracy bars. */
export interface PerClassBarsProps {
  /** Accuracy of each digit class in [0, 1] (NaN where the class has no test digit). */
  accuracy: readonly number[];
  width: number;
  height: number;
  /** Training digits per class, printed under the bars so a long tail shows beside its accuracy. */
  counts?: readonly number[];
  label?: string;
  theme?: Theme;
}

const M = { left: 36, right: 6, top: 8, bottom: 30 };

/** Per-class accuracy as bars in the class colours, 0–100 %. */
export function PerClassBars({
  accuracy,
  width,
  height,
  counts,
  label = 'accuracy per class',
  theme = LIGHT,
}: PerClassBarsProps) {
  const w = width - M.left - M.right,
    h = height - M.top - M.bottom,
    sy = scaleLinear().domain([0, 1]).range([h, 0]);
  const bars = barLayout(accuracy, w, h);
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label}
      fontSize={10}
      style={{ background: theme.background }}
    >
      <g transform={`translate(${M.left},${M.top})`}>
        {sy.ticks(4).map((t) => (
          <g key={t} transform={`translate(0,${sy(t)})`}>
            <line x2={w} stroke={theme.grid} />
            <text x={-5} dy="0.32em" textAnchor="end" fill={theme.text}>{`${Math.round(t * 100)}%`}</text>
          </g>
        ))}
        {bars.map((b) => (
          <g key={b.cls}>
            {b.missing ? (
              <text x={b.x + b.w / 2} y={h - 3} textAnchor="middle" fill={theme.text}>
                –
              </text>
            ) : (
              <rect x={b.x} y={b.y} width={b.w} height={b.h} fill={theme.classes[b.cls]}>
                <title>{`digit ${b.cls}: ${(b.value * 100).toFixed(1)}%`}</title>
              </rect>
            )}
            <text x={b.x + b.w / 2} y={h + 12} textAnchor="middle" fill={theme.text}>
              {b.cls}
            </text>
            {counts?.[b.cls] !== undefined && (
              <text x={b.x + b.w / 2} y={h + 24} textAnchor="middle" fontSize={8} fill={theme.axis}>
                {counts[b.cls]}
              </text>
            )}
          </g>
        ))}
        <line y1={h} x2={w} y2={h} stroke={theme.axis} />
      </g>
    </svg>
  );
}
