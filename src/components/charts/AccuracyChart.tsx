import { useDeferredValue, useMemo, useRef } from 'react';
import { headColor } from '../../plot/headColors';
import { headKey } from '../../trainer/shared/config';
import { useLab } from '../labContext';
import { LossChart, type ChartSeries } from '../fig/LossChart';
import { useElementWidth } from '../grid/useElementWidth';
import { usePlotTheme } from '../grid/usePanelView';
import { useViewedStep } from '../TimelineControls';

const fmt = new Intl.NumberFormat('en-US');

/** Test accuracy of every head per evaluation, and accuracy on the drawn training and test digits per frame. */
export function AccuracyChart() {
  const { useStore } = useLab();
  // Charts redraw in a render of their own, after the frame's (docs/performance.md: no long task).
  const curve = useDeferredValue(useStore((s) => s.sampleCurve));
  const theme = usePlotTheme();
  const history = useDeferredValue(useStore((s) => s.evaluationHistory));
  const heads = useStore((s) => s.config.heads);
  const testUsed = useStore((s) => s.dataset?.testUsed);
  const viewed = useViewedStep();
  const ref = useRef<HTMLElement>(null),
    width = Math.min(460, useElementWidth(ref, 460));
  const series = useMemo(
    (): ChartSeries[] =>
      heads.flatMap((h, i) => [
        {
          label: `${headKey(heads, i)} test`,
          color: headColor(h.id, theme),
          steps: history.map((e) => e.step),
          values: history.map((e) => e.heads[i]?.accuracy ?? NaN),
          dots: true,
        },
        {
          label: `${headKey(heads, i)} train (drawn)`,
          color: headColor(h.id, theme),
          steps: curve.map((p) => p.step),
          values: curve.map((p) => p.train.heads[i] ?? NaN),
          dash: '4 3',
        },
        {
          label: `${headKey(heads, i)} test (drawn)`,
          color: headColor(h.id, theme),
          steps: curve.map((p) => p.step),
          values: curve.map((p) => p.test.heads[i] ?? NaN),
          dash: '1 3',
        },
      ]),
    [heads, history, curve, theme],
  );
  const drawn = curve[curve.length - 1];
  return (
    <article className="accuracy-chart" aria-label="accuracy over steps" ref={ref}>
      <h3>Accuracy</h3>
      {history.length || curve.length ? (
        <LossChart
          series={series}
          width={width}
          height={170}
          yLabel="accuracy"
          yDomain={[0, 1]}
          marker={viewed}
          theme={theme}
        />
      ) : (
        <p className="chart-note">
          The first point comes with the first frame; the first evaluation at the end of epoch 1.
        </p>
      )}
      <p className="chart-note">
        Solid: on the {testUsed === undefined ? '…' : fmt.format(testUsed)} test digits after each epoch. At each frame,
        on the digits drawn in the panels, each at its latest prediction (plotted feature mode) — samples, not the whole
        sets: dashed on {drawn ? fmt.format(drawn.train.digits) : '…'} drawn training digits, dotted on{' '}
        {drawn ? fmt.format(drawn.test.digits) : '…'} drawn test digits.
      </p>
    </article>
  );
}
