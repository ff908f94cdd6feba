import { confusionCells, type ConfusionCell } from '../../plot/charts';
import { LIGHT, type Theme } from '../../plot/palette';

/** Props of the confusion matrix. */
export interface ConfusionMatrixProps {
  /** Counts, row = true class, column = predicted: confusion[K·t + p]. */
  confusion: readonly number[];
  /** Side of the K × K cell square in CSS pixels (labels add a margin). */
  size: number;
  /** The highlighted cell, or null. */
  selected: { truth: number; predicted: number } | null;
  /** Called with a clicked (or Enter/Space-pressed) cell; toggle off in the caller if it is `selected`. */
  onSelectCell: (truth: number, predicted: number) => void;
  numClasses?: number;
  theme?: Theme;
  /** Accessible name (e.g. which head's matrix it is). */
  label?: string;
}

const M = { left: 34, top: 30 };
/** Confusions in vermillion, the diagonal in the axis grey: mistakes stand out. */
const ERROR_FILL = '#D55E00';

/** One clickable cell; shade = share of its true class (square root, so rare confusions still show). */
function Cell({
  c,
  selected,
  onSelect,
  theme,
}: {
  c: ConfusionCell;
  selected: boolean;
  onSelect: () => void;
  theme: Theme;
}) {
  const alpha = Math.sqrt(c.share),
    name = `true ${c.truth}, predicted ${c.predicted}: ${c.count} digits`;
  const act =
    c.count > 0
      ? {
          role: 'button',
          tabIndex: 0,
          onClick: onSelect,
          onKeyDown: (e: { key: string; preventDefault(): void }) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onSelect();
            }
          },
        }
      : {};
  return (
    <g aria-label={name} style={{ cursor: c.count > 0 ? 'pointer' : 'default' }} {...act}>
      <rect
        x={c.x}
        y={c.y}
        width={c.size}
        height={c.size}
        fill={c.truth === c.predicted ? theme.axis : ERROR_FILL}
        fillOpacity={alpha}
        stroke={selected ? theme.text : theme.grid}
        strokeWidth={selected ? 2 : 0.5}
      />
      {c.count > 0 && c.size >= 20 && (
        <text
          x={c.x + c.size / 2}
          y={c.y + c.size / 2}
          dy="0.32em"
          textAnchor="middle"
          fontSize={Math.min(10, c.size / 3)}
          fill={alpha > 0.55 ? '#FFFFFF' : theme.text}
        >
          {c.count}
        </text>
      )}
    </g>
  );
}

/** The confusion matrix of one head's test evaluation; its cells select digits to highlight in the plots. */
export function ConfusionMatrix({
  confusion,
  size,
  selected,
  onSelectCell,
  numClasses = 10,
  theme = LIGHT,
  label = 'confusion matrix',
}: ConfusionMatrixProps) {
  const cells = confusionCells(confusion, numClasses, size),
    step = size / numClasses,
    digits = Array.from({ length: numClasses }, (_, k) => k);
  return (
    <svg
      width={M.left + size + 4}
      height={M.top + size + 4}
      role="group"
      aria-label={label}
      fontSize={10}
      style={{ background: theme.background }}
    >
      <text x={M.left + size / 2} y={10} textAnchor="middle" fill={theme.text}>
        predicted
      </text>
      <text transform={`translate(10,${M.top + size / 2}) rotate(-90)`} textAnchor="middle" fill={theme.text}>
        true
      </text>
      <g transform={`translate(${M.left},${M.top})`}>
        {digits.map((k) => (
          <text key={`p${k}`} x={(k + 0.5) * step} y={-5} textAnchor="middle" fill={theme.text}>
            {k}
          </text>
        ))}
        {digits.map((k) => (
          <text key={`t${k}`} x={-5} y={(k + 0.5) * step} dy="0.32em" textAnchor="end" fill={theme.text}>
            {k}
          </text>
        ))}
        {cells.map((c) => (
          <Cell
            key={`${c.truth}-${c.predicted}`}
            c={c}
            theme={theme}
            onSelect={() => onSelectCell(c.truth, c.predicted)}
            selected={selected?.truth === c.truth && selected.predicted === c.predicted}
          />
        ))}
      </g>
    </svg>
  );
}
