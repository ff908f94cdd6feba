import { useState } from 'react';
import { correctTyped, type Range } from '../../url/correct';
import { useNotify } from '../labContext';

/** Props of a typed number: the name its notices use, its accessible name, its range and value. */
export interface TypedNumberProps {
  name: string;
  ariaLabel: string;
  range: Range;
  value: number;
  onChange: (v: number) => void;
  disabled?: boolean;
}

/**
 * A number typed into a box, taken on Enter or blur. A value outside `range` or not whole where it
 * must be is corrected to the nearest valid one, and a non-number is refused, each with a notice
 * naming the box, as URL values are: an invalid value must never reach the worker or the URL.
 */
export function TypedNumber({ name, ariaLabel, range, value, onChange, disabled }: TypedNumberProps) {
  const notify = useNotify();
  // A draft exists only while the user types; otherwise the box shows the value.
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft !== null && draft.trim() !== '') {
      const typed = correctTyped(name, draft, range, value);
      if (typed.notice) notify(typed.notice);
      if (typed.value !== value) onChange(typed.value);
    }
    setDraft(null);
  };
  return (
    <input
      type="text"
      inputMode="decimal"
      className="typed"
      value={draft ?? String(value)}
      disabled={disabled}
      aria-label={ariaLabel}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
      }}
    />
  );
}
