/** A pixel coordinate for SVG text: two decimals (a hundredth of a pixel), no trailing zeros, no "-0". */
export function px(v: number): string {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
}
