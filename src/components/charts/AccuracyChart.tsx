import { useEffect, useMemo, useRef, useState } from 'react';
import { headColor } from '../../app/headColors';
import { useLab } from '../../app/labContext';
import { extendSampleCurve, type SamplePoint } from '../../app/sampleAccuracy';
import { LossChart, type ChartSeries } from '../fig/LossChart';
import { useElementWidth } from '../grid/useElementWidth';
import { usePlotTheme } from '../grid/usePanelView';

/** Training-sample accuracy is text-rate data: a point a second is plenty. */
const SAMPLE_REFRESH_MS = 1000;

/** Each head's accuracy on the frames' drawn training digits, at most once a second (frames stay out of React otherwise). */
function useTrainSampleCurve(): SamplePoint[] {
  const { frames } = useLab();
  const [curve, setCurve] = useState<SamplePoint[]>([]);
  useEffect(() => {
    let last = -Infinity;
    return frames.subscribe((frame) => {
      const now = performance.now();
      if (now - last < SAMPLE_REFRESH_MS) return;
      last = now;
      setCurve((c) => extendSampleCurve(c, frame));
    });
  }, [frames]);
  return curve;
}

/** Test accuracy of every head per evaluation, and accuracy on the drawn training digits per frame. */
export function AccuracyChart() {
  const { useStore } = useLab();
  const trainCurve = useTrainSampleCurve();
  const theme = usePlotTheme();
  const history = useStore((s) => s.evaluationHistory);
  const heads = useStore((s) => s.config.heads);
  const testUsed = useStore((s) => s.dataset?.testUsed);
  const ref = useRef<HTMLElement>(null), width = Math.min(460, useElementWidth(ref, 460));
  const series = useMemo((): ChartSeries[] => heads.flatMap((h, i) => [
    { label: `${h.id} test`, color: headColor(h.id, theme), steps: history.map((e) => e.step), values: history.map((e) => e.heads[i]?.accuracy ?? NaN), dots: true },
    { label: `${h.id} train (drawn)`, color: headColor(h.id, theme), steps: trainCurve.map((p) => p.step), values: trainCurve.map((p) => p.heads[i] ?? NaN), dash: '4 3' },
  ]), [heads, history, trainCurve, theme]);
  return (
    <article className="accuracy-chart" aria-label="accuracy over steps" ref={ref}>
      <h3>Accuracy</h3>
      {history.length || trainCurve.length ? <LossChart series={series} width={width} height={170} yLabel="accuracy" yDomain={[0, 1]} theme={theme} />
        : <p className="chart-note">The first point comes with the first frame; the first evaluation at the end of epoch 1.</p>}
      <p className="chart-note">
        Solid: on the {testUsed ?? '…'} test digits after each epoch. Dashed: on the training digits drawn in the panels, at each frame (inference mode) — a sample, not the whole training set.
      </p>
    </article>
  );
}
