import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { headLabel } from '../../trainer/shared/config';
import { useLab } from '../labContext';
import type { Theme } from '../../plot/palette';
import { evaluationAt, type LossPoint } from '../../trainer/shared/runFile';
import { ConfusionMatrix } from '../fig/ConfusionMatrix';
import { LossChart, type ChartSeries } from '../fig/LossChart';
import { PerClassBars } from '../fig/PerClassBars';
import { usePlotTheme } from '../grid/usePanelView';
import { useViewedStep } from '../TimelineControls';

/** Width of a head's charts: a card fits a third of a laptop's content area. */
const W = 300;

/**
 * The loss charts redraw at most this often. The lite network takes 5 steps a second on a CPU, and
 * redrawing four heads' charts at every step took a fifth of the page's JavaScript time
 * (docs/performance.md).
 */
const CHART_INTERVAL_MS = 500;

/** `value`, changing at most once every `ms`: each interval ends on the latest value. */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const lastShown = useRef(0);
  useEffect(() => {
    if (value === shown) return;
    const timer = setTimeout(
      () => {
        lastShown.current = performance.now();
        setShown(value);
      },
      Math.max(0, lastShown.current + ms - performance.now()),
    );
    return () => clearTimeout(timer);
  }, [value, shown, ms]);
  return shown;
}

/** A head's cross-entropy and regularizer over the steps so far. */
function lossSeries(history: readonly LossPoint[], head: number, theme: Theme): ChartSeries[] {
  const steps = history.map((p) => p.step);
  return [
    { label: 'ce', color: theme.classes[0]!, steps, values: history.map((p) => p.heads[head]?.ce ?? NaN) },
    {
      label: 'reg',
      color: theme.classes[3]!,
      steps,
      values: history.map((p) => p.heads[head]?.reg ?? NaN),
      dash: '4 3',
    },
  ];
}

/** One head's loss parts, per-class test accuracy and confusion matrix; a matrix cell highlights its digits in the head's panels. */
export function HeadCharts({ head }: { head: number }) {
  const { useStore } = useLab();
  const theme = usePlotTheme(),
    name = useStore((s) => headLabel(s.config.heads, head));
  // The charts redraw in a render of their own, after the frame's (docs/performance.md: no long task).
  const history = useDeferredValue(
    useThrottled(
      useStore((s) => s.lossHistory),
      CHART_INTERVAL_MS,
    ),
  );
  const viewed = useViewedStep();
  // While the timeline is scrubbed, the evaluation the run had at that step.
  const evaluated = useDeferredValue(
    useStore((s) => (viewed === null ? s.evaluation : evaluationAt(s.evaluationHistory, viewed))),
  );
  const evaluation = evaluated?.heads[head] ?? null;
  const counts = useStore((s) => s.dataset?.trainPerClass);
  const cell = useStore((s) => s.view.cell),
    toggleCell = useStore((s) => s.toggleCell);
  const series = useMemo(() => lossSeries(history, head, theme), [history, head, theme]);
  return (
    <article className="head-charts" aria-label={`${name} charts`}>
      <h3>{name}</h3>
      {history.length ? (
        <LossChart series={series} width={W} height={150} yLabel={`${name} loss`} yLog marker={viewed} theme={theme} />
      ) : (
        <p className="chart-note">Loss parts appear after the first step.</p>
      )}
      {evaluated && evaluation ? (
        <>
          <PerClassBars
            accuracy={evaluation.perClass}
            counts={counts}
            width={W}
            height={120}
            label={`${name} test accuracy per class`}
            theme={theme}
          />
          <p className="chart-note">Test accuracy per digit; under each bar, its training digits.</p>
          <ConfusionMatrix
            confusion={evaluation.confusion}
            size={200}
            label={`${name} confusion matrix`}
            theme={theme}
            selected={cell?.head === head ? cell : null}
            onSelectCell={(truth, predicted) => toggleCell({ head, truth, predicted })}
          />
          {/* The matrix is the last evaluation's; the panels move on with every frame, so a cell's digits there may differ. */}
          <p className="chart-note">
            Evaluated at step {evaluated.step} (end of epoch {evaluated.epoch}). Click a cell to highlight the drawn
            digits the {name} panels now put in it.
          </p>
        </>
      ) : (
        <p className="chart-note">
          Per-class accuracy and the confusion matrix appear after the first evaluation (end of epoch 1).
        </p>
      )}
    </article>
  );
}
