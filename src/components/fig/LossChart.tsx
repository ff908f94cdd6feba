import { scaleLinear, scaleLog } from 'd3';
import { useMemo } from 'react';
import { finiteExtent, LEGEND, legendLayout, linePath } from '../../plot/charts';
import { LIGHT, type Theme } from '../../plot/palette';

/** One line: a label, its colour and dash, and values over steps. */
export interface ChartSeries {
  label: string;
  color: string;
  steps: ArrayLike<number>;
  values: ArrayLike<number>;
  dash?: string;
  /** Marks every point too (short series such as one evaluation per epoch, where a lone point draws no line). */
  dots?: boolean;
}

/** Props of a line chart over training steps (loss parts ce and reg, or train and test accuracy). */
export interface LossChartProps {
  series: readonly ChartSeries[];
  width: number;
  height: number;
  /** Accessible name and y-axis label, e.g. "loss" or "accuracy". */
  yLabel: string;
  /** Fixed y range (e.g. [0, 1] for accuracy); otherwise the data's, made nice. */
  yDomain?: [number, number];
  /** A logarithmic y axis (losses spanning decades); values ≤ 0 are left out. */
  yLog?: boolean;
  /** The step the timeline shows, marked by a vertical rule (none while following the run). */
  marker?: number | null;
  theme?: Theme;
}

const M = { left: 44, right: 10, top: 22, bottom: 28 };
/** Distance of the legend's last row above the plot. */
const LEGEND_BOTTOM = 10;

/** An extent widened around a single value, so a scale over it is not degenerate. */
function widen([lo, hi]: [number, number], log: boolean): [number, number] {
  if (lo < hi) return [lo, hi];
  return log ? [lo / 2, hi * 2] : [lo - 1, hi + 1];
}

/** Plain decimals on a log axis (d3's default writes 0.1 as "100m"). */
const LOG_TICKS = '~g';

/**
 * Scales and decimated paths of the series (one bucket per pixel of width, so 100k steps draw like
 * 500), and the legend's rows; the chart grows by any legend row beyond the first.
 */
function useChart(p: LossChartProps) {
  const { series, width, height, yDomain, yLog = false } = p;
  return useMemo(() => {
    const w = width - M.left - M.right,
      h = height - M.top - M.bottom;
    const legend = legendLayout(
      series.map((s) => s.label),
      w,
    );
    const top = M.top + Math.max(0, legend.rows - 1) * LEGEND.rowHeight;
    const values = series.map((s) => (yLog ? Array.from(s.values, (v) => (v > 0 ? v : NaN)) : s.values));
    // Steps count from 0, so every chart's x axis starts there (and one evaluation still has an axis).
    const sx = scaleLinear()
      .domain([0, Math.max(1, finiteExtent(series.map((s) => s.steps))[1])])
      .range([0, w])
      .nice();
    const yExtent = yDomain ?? widen(finiteExtent(values), yLog);
    const sy = (yLog ? scaleLog().clamp(true) : scaleLinear()).domain(yExtent).range([h, 0]).nice();
    const paths = series.map((s, k) => linePath(s.steps, values[k]!, sx, sy, Math.max(1, Math.round(w))));
    return { w, h, top, legend, sx, sy, values, paths };
  }, [series, width, height, yDomain, yLog]);
}

/** A line chart of values over steps, with axes and an inline legend; redraws when its (low-rate) props change. */
export function LossChart(props: LossChartProps) {
  const { series, width, height, yLabel, marker = null, theme = LIGHT } = props;
  const { w, h, top, legend, sx, sy, paths, values } = useChart(props);
  const fx = sx.tickFormat(5),
    fy = props.yLog ? sy.tickFormat(4, LOG_TICKS) : sy.tickFormat(4);
  return (
    <svg
      width={width}
      height={height + top - M.top}
      role="img"
      aria-label={`${yLabel} over steps`}
      fontSize={10}
      style={{ background: theme.background }}
    >
      <g transform={`translate(${M.left},${top})`}>
        {sy.ticks(4).map((t) => (
          <g key={`y${t}`} transform={`translate(0,${sy(t)})`}>
            <line x2={w} stroke={theme.grid} />
            <text x={-6} dy="0.32em" textAnchor="end" fill={theme.text}>
              {fy(t)}
            </text>
          </g>
        ))}
        {sx.ticks(5).map((t) => (
          <text key={`x${t}`} x={sx(t)} y={h + 14} textAnchor="middle" fill={theme.text}>
            {fx(t)}
          </text>
        ))}
        <line y1={h} x2={w} y2={h} stroke={theme.axis} />
        {series.map((s, k) => (
          <path key={s.label} d={paths[k]} fill="none" stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dash} />
        ))}
        {series.map(
          (s, k) =>
            s.dots &&
            Array.from(s.steps, (x, i) => {
              const y = values[k]![i]!;
              return Number.isFinite(y) ? (
                <circle key={`${s.label}-${i}`} cx={sx(x)} cy={sy(y)} r={2.5} fill={s.color} />
              ) : null;
            }),
        )}
        {marker !== null && (
          <line
            data-testid="chart-marker"
            data-step={marker}
            x1={sx(marker)}
            x2={sx(marker)}
            y2={h}
            stroke={theme.axis}
            strokeDasharray="2 2"
          />
        )}
        <text x={w / 2} y={h + 26} textAnchor="middle" fill={theme.text}>
          step
        </text>
        <text transform={`translate(-34,${h / 2}) rotate(-90)`} textAnchor="middle" fill={theme.text}>
          {yLabel}
        </text>
        {series.map((s, k) => (
          <g
            key={s.label}
            transform={`translate(${legend.slots[k]!.x},${(legend.slots[k]!.row - legend.rows + 1) * LEGEND.rowHeight - LEGEND_BOTTOM})`}
          >
            <line x2={16} stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dash} />
            <text x={20} dy="0.32em" fill={theme.text}>
              {s.label}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
