import { useRef, useState } from 'react';
import { DigitImages } from './digitImages';
import { gridLayout } from './gridLayout';
import { useLab } from '../labContext';
import { RedrawQueue } from '../fig/redrawQueue';
import { Legend } from '../Legend';
import { DigitCard } from './DigitCard';
import { GridPanel, type GridHover } from './GridPanel';
import { useElementWidth } from './useElementWidth';

const SAMPLES = ['train', 'test'] as const;

/** The paper's Fig. 2, live: a column per head, training digits above and test digits below, with linked zoom and hover. */
export function FigureGrid() {
  const { useStore, dataUrl } = useLab();
  const heads = useStore((s) => s.config.heads.length);
  const ref = useRef<HTMLDivElement>(null);
  const layout = gridLayout(useElementWidth(ref), heads);
  const [hovered, setHovered] = useState<GridHover | null>(null);
  const [images] = useState(() => new DigitImages(dataUrl));
  const [queue] = useState(() => new RedrawQueue());
  return (
    <section className="figure-grid" aria-label="feature space" ref={ref}>
      <div className="grid" style={{ gridTemplateColumns: `repeat(${layout.columns}, max-content)` }}>
        {Array.from({ length: heads }, (_, head) =>
          SAMPLES.map((sample, row) => (
            <GridPanel
              key={`${head}-${sample}`}
              head={head}
              sample={sample}
              size={layout.size}
              onHover={setHovered}
              queue={queue}
              marked={hovered?.sample === sample ? hovered.hover.sampleIndex : null}
              column={layout.byHead ? undefined : head + 1}
              row={layout.byHead ? undefined : row + 1}
            />
          )),
        )}
      </div>
      <Legend />
      {hovered ? <DigitCard hovered={hovered} images={images} /> : null}
    </section>
  );
}
