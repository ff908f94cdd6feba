import { scaleLinear } from 'd3';
import { useMemo } from 'react';
import { finiteExtent, linePath } from '../../plot/charts';
import { LIGHT, type Theme } from '../../plot/palette';

/** One line: a label, its colour and dash, and values over steps. */
export interface ChartSeries { label: string; color: string; steps: ArrayLike<number>; values: ArrayLike<number>; dash?: string }

/** Props of a line chart over training steps (loss parts ce and reg, or train and test accuracy). */
export interface LossChartProps {
  series: readonly ChartSeries[];
  width: number;
  height: number;
  /** Accessible name and y-axis label, e.g. "loss" or "accuracy". */
  yLabel: string;
  /** Fixed y range (e.g. [0, 1] for accuracy); otherwise the data's, made nice. */
  yDomain?: [number, number];
  theme?: Theme;
}

const M = { left: 44, right: 10, top: 22, bottom: 28 };

/** Scales and decimated paths of the series (one bucket per pixel of width, so 100k steps draw like 500). */
function useChart(p: LossChartProps) {
  const { series, width, height, yDomain } = p;
  return useMemo(() => {
    const w = width - M.left - M.right, h = height - M.top - M.bottom;
    const sx = scaleLinear().domain(finiteExtent(series.map((s) => s.steps))).range([0, w]).nice();
    const sy = scaleLinear().domain(yDomain ?? finiteExtent(series.map((s) => s.values))).range([h, 0]).nice();
    return { w, h, sx, sy, paths: series.map((s) => linePath(s.steps, s.values, sx, sy, Math.max(1, Math.round(w)))) };
  }, [series, width, height, yDomain]);
}

/** A line chart of values over steps, with axes and an inline legend; redraws when its (low-rate) props change. */
export function LossChart(props: LossChartProps) {
  const { series, width, height, yLabel, theme = LIGHT } = props;
  const { w, h, sx, sy, paths } = useChart(props);
  const fx = sx.tickFormat(5), fy = sy.tickFormat(4);
  return (
    <svg width={width} height={height} role="img" aria-label={`${yLabel} over steps`} fontSize={10} style={{ background: theme.background }}>
      <g transform={`translate(${M.left},${M.top})`}>
        {sy.ticks(4).map((t) => (
          <g key={`y${t}`} transform={`translate(0,${sy(t)})`}>
            <line x2={w} stroke={theme.grid} />
            <text x={-6} dy="0.32em" textAnchor="end" fill={theme.text}>{fy(t)}</text>
          </g>
        ))}
        {sx.ticks(5).map((t) => <text key={`x${t}`} x={sx(t)} y={h + 14} textAnchor="middle" fill={theme.text}>{fx(t)}</text>)}
        <line y1={h} x2={w} y2={h} stroke={theme.axis} />
        {series.map((s, k) => <path key={s.label} d={paths[k]} fill="none" stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dash} />)}
        <text x={w / 2} y={h + 26} textAnchor="middle" fill={theme.text}>step</text>
        <text transform={`translate(-34,${h / 2}) rotate(-90)`} textAnchor="middle" fill={theme.text}>{yLabel}</text>
        {series.map((s, k) => (
          <g key={s.label} transform={`translate(${k * 90},-10)`}>
            <line x2={16} stroke={s.color} strokeWidth={1.5} strokeDasharray={s.dash} />
            <text x={20} dy="0.32em" fill={theme.text}>{s.label}</text>
          </g>
        ))}
      </g>
    </svg>
  );
}
