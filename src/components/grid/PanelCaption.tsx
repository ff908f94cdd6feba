import { useEffect, useRef } from 'react';
import { useLab } from '../labContext';
import { embeddedStepsText, featureModeText } from '../../plot/format';
import type { SplitName } from '../../data/mnist';

const fmt = new Intl.NumberFormat('en-US');

/** How many of a panel's digits are drawn, from which steps, in which BN mode; written from each frame, outside React renders. */
export function PanelCaption({ head, sample, maxPoints }: { head: number; sample: SplitName; maxPoints: number }) {
  const { frames } = useLab();
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(
    () =>
      frames.subscribe((frame) => {
        const h = frame.heads[head],
          el = ref.current;
        if (!h || !el) return;
        const s = h[sample],
          inFrame = s.labels.length,
          total = sample === 'test' ? frame.testTotal : frame.trainTotal;
        el.textContent = `${fmt.format(Math.min(maxPoints, inFrame))} of ${fmt.format(total)} ${sample} digits, ${embeddedStepsText(s.oldestStep, s.newestStep)} · ${featureModeText(frame.mode)}`;
      }),
    [frames, head, sample, maxPoints],
  );
  return (
    <p className="caption" ref={ref} data-testid={`caption-${sample}-${head}`}>
      Waiting for the first frame…
    </p>
  );
}
