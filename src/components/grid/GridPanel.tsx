import { memo, useCallback, useMemo } from 'react';
import { PANEL_CHROME } from './gridLayout';
import { headLabel } from '../../trainer/shared/config';
import { useLab } from '../labContext';
import { EmbeddingPanel, type PanelHover } from '../fig/EmbeddingPanel';
import type { RedrawQueue } from '../fig/redrawQueue';
import { PanelCaption } from './PanelCaption';
import { usePanelView } from './usePanelView';
import type { SplitName } from '../../data/mnist';

/** A digit under the pointer in one panel of the grid. */
export interface GridHover {
  head: number;
  sample: SplitName;
  hover: PanelHover;
}

/** Props of one grid cell: which head and sample, the plot side, the digit to ring, and where the cell sits. */
export interface GridPanelProps {
  head: number;
  sample: SplitName;
  size: number;
  marked: number | null;
  onHover: (h: GridHover | null) => void;
  /** The grid's redraw queue. */
  queue: RedrawQueue;
  /** Grid column and row from 1 (Fig. 2's layout), or undefined for the grid's own flow. */
  column?: number;
  row?: number;
}

/** One embedding panel of the grid: a title, the live plot (linked zoom, hover) and its caption. */
export const GridPanel = memo(function GridPanel({
  head,
  sample,
  size,
  marked,
  onHover,
  queue,
  column,
  row,
}: GridPanelProps) {
  const { useStore } = useLab();
  const name = useStore((s) => headLabel(s.config.heads, head));
  const features = useStore((s) => s.drawnDigit?.features);
  const drawn = useMemo(
    () =>
      features && features.length >= 2 * head + 2 ? ([features[2 * head]!, features[2 * head + 1]!] as const) : null,
    [features, head],
  );
  const { maxPoints, ...view } = usePanelView(head, size);
  const title = `${name} · ${sample}`;
  const hover = useCallback(
    (h: PanelHover | null) => onHover(h && { head, sample, hover: h }),
    [onHover, head, sample],
  );
  // As wide as its panel, so the caption wraps under it instead of widening the grid's column.
  return (
    <figure
      className="panel"
      style={{ gridColumn: column, gridRow: row, width: size + PANEL_CHROME }}
      data-testid={`panel-${sample}-${head}`}
    >
      <figcaption>{title}</figcaption>
      <EmbeddingPanel
        {...view}
        sample={sample}
        size={size}
        label={title}
        onHover={hover}
        marked={marked}
        drawn={drawn}
        queue={queue}
        testId={`scatter-${sample}-${head}`}
      />
      <PanelCaption head={head} sample={sample} maxPoints={maxPoints} />
    </figure>
  );
});
