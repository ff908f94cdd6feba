import { CLASS_COLORS } from '../plot/palette';

/** Digits 0–9 and their colours. */
export function Legend() {
  return (
    <ul className="legend" aria-label="legend: digit classes">
      {CLASS_COLORS.map((color, digit) => (
        <li key={digit}>
          <span className="swatch" style={{ background: color }} aria-hidden="true" />
          {digit}
        </li>
      ))}
    </ul>
  );
}
