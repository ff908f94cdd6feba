/** A value taken from outside (a URL), possibly corrected, with a notice saying what was corrected. */
export interface Corrected<V> {
  value: V;
  notice?: string;
}

/** A range: min and max inclusive, integer or not, and whether 0 is valid below min (a term switched off). */
export interface Range {
  min: number;
  max: number;
  integer: boolean;
  zeroAllowed: boolean;
}

/** Characters of a raw value a notice repeats: a pasted megabyte must not become a megabyte of notice. */
const QUOTE_CHARS = 40;

/** A raw value as a notice repeats it: cut to QUOTE_CHARS with an ellipsis. */
export function quote(raw: string): string {
  return raw.length > QUOTE_CHARS ? `${raw.slice(0, QUOTE_CHARS)}…` : raw;
}

/** A URL value corrected to the nearest valid value of its range (a non-number falls back to `fallback`). */
export function correctNumber(name: string, raw: string, r: Range, fallback: number): Corrected<number> {
  return correctSaid(`${name}=${quote(raw)}`, raw, r, fallback);
}

/** A value typed into a control's box, corrected like a URL value; a non-number keeps `current`. */
export function correctTyped(name: string, raw: string, r: Range, current: number): Corrected<number> {
  return correctSaid(`${name} ${quote(raw.trim())}`, raw, r, current);
}

/** The correction itself; `said` names the value as its notice repeats it. */
function correctSaid(said: string, raw: string, r: Range, fallback: number): Corrected<number> {
  const asked = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(asked)) return { value: fallback, notice: `${said} is not a number; using ${fallback}` };
  if (asked === 0 && r.zeroAllowed) return { value: 0 };
  const rounded = r.integer ? Math.round(asked) : asked;
  const below = r.zeroAllowed && rounded < r.min ? (rounded < r.min / 2 ? 0 : r.min) : r.min;
  const value = rounded < r.min ? below : Math.min(r.max, rounded);
  if (value === asked) return { value };
  const range = `(${r.zeroAllowed ? '0 or ' : ''}${r.min}–${r.max})`;
  if (rounded !== asked)
    return {
      value,
      notice: `${said} is not a whole number${value === rounded ? '' : ` in range ${range}`}; using ${value}`,
    };
  return { value, notice: `${said} is out of range ${range}; using ${value}` };
}

/** A choice corrected to `fallback` when it is not one of `options`. */
export function correctChoice<V>(
  name: string,
  raw: string,
  options: readonly string[],
  fallback: V,
  parse: (v: string) => V,
): Corrected<V> {
  if (options.includes(raw)) return { value: parse(raw) };
  return {
    value: fallback,
    notice: `${name}=${quote(raw)} is not one of ${options.join(', ')}; using ${String(fallback)}`,
  };
}

const ON = ['1', 'true', 'yes', 'on'],
  OFF = ['0', 'false', 'no', 'off'];

/** An on/off switch: 1/0, also true/false, yes/no and on/off; anything else falls back with a notice. */
export function correctFlag(name: string, raw: string, fallback: boolean): Corrected<boolean> {
  if (ON.includes(raw)) return { value: true };
  if (OFF.includes(raw)) return { value: false };
  return { value: fallback, notice: `${name}=${quote(raw)} is not 1 or 0; using ${fallback ? 1 : 0}` };
}
