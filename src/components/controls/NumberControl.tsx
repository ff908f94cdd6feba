import { positionOf, SLIDER_STEPS, valueAt, type SliderScale } from './sliderScale';
import { TypedNumber } from './TypedNumber';
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

/** A slider (log or linear) with a typed-in value beside it, corrected into the slider's range; arrow keys nudge the slider. */
export function NumberControl({ label, spoken, scale, value: inForce, onChange, hint, disabled }: NumberControlProps) {
  const [value, setPending] = usePending(inForce);
  const change = (v: number) => {
    setPending(v);
    onChange(v);
  };
  return (
    <div className="number-control">
      <label>
        <span className="control-label">{label}</span>
        <input
          type="range"
          min={0}
          max={SLIDER_STEPS}
          step={1}
          value={positionOf(scale, value)}
          disabled={disabled}
          aria-label={spoken}
          aria-valuetext={String(value)}
          onChange={(e) => change(valueAt(scale, Number(e.target.value)))}
        />
      </label>
      <TypedNumber
        name={spoken}
        ariaLabel={`${spoken} value`}
        range={scale}
        value={value}
        onChange={change}
        disabled={disabled}
      />
      {hint ? <p className="hint">{hint}</p> : null}
    </div>
  );
}
