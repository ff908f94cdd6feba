/** Positions of a slider track. */
export const SLIDER_STEPS = 1000;

/** How a numeric control maps its track onto values: linear or logarithmic, with 0 as an extra first stop where valid. */
export interface SliderScale {
  min: number;
  max: number;
  scale: 'linear' | 'log';
  zeroAllowed: boolean;
  integer: boolean;
}

/** The value at a track position 0..SLIDER_STEPS. */
export function valueAt(s: SliderScale, pos: number): number {
  if (s.zeroAllowed && s.scale === 'log' && pos <= 0) return 0;
  const t = s.zeroAllowed && s.scale === 'log' ? (pos - 1) / (SLIDER_STEPS - 1) : pos / SLIDER_STEPS;
  const v = s.scale === 'log' ? s.min * (s.max / s.min) ** t : s.min + (s.max - s.min) * t;
  return s.integer ? Math.round(v) : Number(v.toPrecision(3));
}

/** The track position nearest a value. */
export function positionOf(s: SliderScale, value: number): number {
  if (s.zeroAllowed && s.scale === 'log' && value <= 0) return 0;
  const v = Math.min(s.max, Math.max(s.min, value));
  if (s.scale === 'linear') return Math.round(((v - s.min) / (s.max - s.min || 1)) * SLIDER_STEPS);
  const t = Math.log(v / s.min) / Math.log(s.max / s.min);
  return s.zeroAllowed ? 1 + Math.round(t * (SLIDER_STEPS - 1)) : Math.round(t * SLIDER_STEPS);
}

/** A camelCase name said in words ("lambdaMu" → "lambda mu"), for accessible names. */
export function spokenName(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
