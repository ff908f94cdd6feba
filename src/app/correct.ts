/** A value taken from outside (a URL), possibly corrected, with a notice saying what was corrected. */
export interface Corrected<V> { value: V; notice?: string }

/** A range: min and max inclusive, integer or not, and whether 0 is valid below min (a term switched off). */
export interface Range { min: number; max: number; integer: boolean; zeroAllowed: boolean }

/** A number corrected to the nearest valid value of its range (a non-number falls back to `fallback`). */
export function correctNumber(name: string, raw: string, r: Range, fallback: number): Corrected<number> {
  const asked = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(asked)) return { value: fallback, notice: `${name}=${raw} is not a number; using ${fallback}` };
  if (asked === 0 && r.zeroAllowed) return { value: 0 };
  const rounded = r.integer ? Math.round(asked) : asked;
  const below = r.zeroAllowed && rounded < r.min ? (rounded < r.min / 2 ? 0 : r.min) : r.min;
  const value = rounded < r.min ? below : Math.min(r.max, rounded);
  if (value === asked) return { value };
  return { value, notice: `${name}=${raw} is out of range (${r.zeroAllowed ? '0 or ' : ''}${r.min}–${r.max}); using ${value}` };
}

/** A choice corrected to `fallback` when it is not one of `options`. */
export function correctChoice<V>(name: string, raw: string, options: readonly string[], fallback: V, parse: (v: string) => V): Corrected<V> {
  if (options.includes(raw)) return { value: parse(raw) };
  return { value: fallback, notice: `${name}=${raw} is not one of ${options.join(', ')}; using ${String(fallback)}` };
}
