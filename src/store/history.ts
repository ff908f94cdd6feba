/** At most this many points are kept per curve; older ones are thinned. */
export const HISTORY_CAP = 1000;

/**
 * Appends to a curve kept short: when it reaches the cap, every other point of
 * the older half is dropped, so a long run keeps its whole shape at lower resolution.
 */
export function appendCapped<T>(history: readonly T[], point: T, cap = HISTORY_CAP): T[] {
  if (history.length < cap) return [...history, point];
  const half = Math.floor(history.length / 2);
  const thinned = history.slice(0, half).filter((_, i) => i % 2 === 0);
  return [...thinned, ...history.slice(half), point];
}
