import { useMemo, useRef } from 'react';
import { headColor } from '../../app/headColors';
import { useLab } from '../../app/labContext';
import { LossChart, type ChartSeries } from '../fig/LossChart';
import { useElementWidth } from '../grid/useElementWidth';
import { usePlotTheme } from '../grid/usePanelView';

/** Test accuracy of every head over the evaluations so far (the trainer measures no training accuracy, and the note says so). */
export function AccuracyChart() {
  const { useStore } = useLab();
  const theme = usePlotTheme();
  const history = useStore((s) => s.evaluationHistory);
  const heads = useStore((s) => s.config.heads);
  const testUsed = useStore((s) => s.dataset?.testUsed);
  const ref = useRef<HTMLElement>(null), width = Math.min(460, useElementWidth(ref, 460));
  const series = useMemo((): ChartSeries[] => heads.map((h, i) => ({
    label: h.id, color: headColor(h.id, theme), steps: history.map((e) => e.step), values: history.map((e) => e.heads[i]?.accuracy ?? NaN), dots: true,
  })), [heads, history, theme]);
  return (
    <article className="accuracy-chart" aria-label="accuracy over steps" ref={ref}>
      <h3>Test accuracy</h3>
      {history.length ? <LossChart series={series} width={width} height={170} yLabel="test accuracy" yDomain={[0, 1]} theme={theme} />
        : <p className="chart-note">The first evaluation comes at the end of epoch 1.</p>}
      <p className="chart-note">
        On the {testUsed ?? '…'} test digits after each epoch. There is no training-accuracy curve: the trainer measures accuracy on the test subset only.
      </p>
    </article>
  );
}
