import { useLab } from '../app/labContext';
import { FeatureModeToggle } from './controls/FeatureModeToggle';
import { Legend } from './Legend';
import { ScatterPanel } from './ScatterPanel';

const NAMES = { softmax: 'Softmax', center: 'Center loss', lsoftmax: 'L-Softmax', lgm: 'L-GM', icu: 'ICU' } as const;

/** The paper's Fig. 2, live: one column per head, training digits above and test digits below. */
export function EmbeddingGrid() {
  const heads = useLab().useStore((s) => s.config.heads);
  return (
    <section className="embedding-grid" aria-label="feature space">
      <FeatureModeToggle />
      {(['train', 'test'] as const).map((sample) => (
        <div className="grid-row" key={sample}>
          {heads.map((h, i) => (
            <ScatterPanel key={`${h.id}-${sample}`} head={i} sample={sample} title={`${NAMES[h.id]} · ${sample === 'train' ? 'training' : 'test'} digits`} />
          ))}
        </div>
      ))}
      <Legend />
    </section>
  );
}
