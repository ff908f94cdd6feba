import { useLab } from '../labContext';
import { AccuracyChart } from './AccuracyChart';
import { HeadCharts } from './HeadCharts';

/** Training curves and test evaluations: accuracy of every head, then each head's loss parts, per-class bars and confusion matrix. */
export function Charts() {
  const heads = useLab().useStore((s) => s.config.heads);
  return (
    <section className="charts" aria-label="charts">
      <h2>Curves and evaluation</h2>
      <AccuracyChart />
      <div className="head-charts-row">
        {heads.map((h, i) => (
          <HeadCharts key={`${i}-${h.id}`} head={i} />
        ))}
      </div>
    </section>
  );
}
