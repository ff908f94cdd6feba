import { useState } from 'react';
import { positionOf, SLIDER_STEPS, valueAt, type SliderScale } from '../../app/sliderScale';
import { usePending } from './usePending';

/** Props of a numeric control: a visible label, the words of its accessible name, its scale and value. */
export interface NumberControlProps {
  label: string;
  spoken: string;
  scale: SliderScale;
  value: number;
  onChange: (v: number) => void;
  hint?: string;
  disabled?: boolean;
}

/** A slider (log or linear) with a typed-in value beside it; arrow keys nudge the slider. */
export function NumberControl({ label, spoken, scale, value: inForce, onChange, hint, disabled }: NumberControlProps) {
  // A draft exists only while the user types; otherwise the field shows the value.
  const [draft, setDraft] = useState<string | null>(null);
  const [value, setPending] = usePending(inForce);
  const text = draft ?? String(value);
  const change = (v: number) => { setPending(v); onChange(v); };
  const commit = () => {
    const v = Number(text);
    if (text.trim() !== '' && Number.isFinite(v) && v !== value) change(v);
    setDraft(null);
  };
  return (
    <div className="number-control">
      <label>
        <span className="control-label">{label}</span>
        <input type="range" min={0} max={SLIDER_STEPS} step={1} value={positionOf(scale, value)} disabled={disabled}
          aria-label={spoken} aria-valuetext={String(value)}
          onChange={(e) => change(valueAt(scale, Number(e.target.value)))} />
      </label>
      <input type="text" inputMode="decimal" className="typed" value={text} disabled={disabled} aria-label={`${spoken} value`}
        onChange={(e) => setDraft(e.target.value)} onBlur={commit} onKeyDown={(e) => { if (e.key === 'Enter') commit(); }} />
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}
