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

/** Steps averaged in the running loss the status line shows. */
export const RUNNING_WINDOW = 20;

/** Mean total loss of head `head` over the last `window` steps of the curve (null before the first step). */
export function runningLoss(
  history: readonly { heads: readonly { total: number }[] }[],
  head: number,
  window = RUNNING_WINDOW,
): number | null {
  const recent = history
    .slice(-window)
    .map((p) => p.heads[head]?.total)
    .filter((v): v is number => v !== undefined);
  return recent.length ? recent.reduce((a, b) => a + b, 0) / recent.length : null;
}
