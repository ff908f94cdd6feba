import { createRng, shuffleInPlace } from '../math/random';
import { DIGIT_CLASSES as CLASSES } from './idx';

/** Which class is the most frequent: class 0 ('descending' counts) or class 9 ('ascending'). */
export type ImbalanceOrder = 'descending' | 'ascending';

/**
 * Per-class counts of long-tailed MNIST: n_k = n_max·ρ^(−r/9), r the class's rank
 * (class k itself for 'descending', 9 − k for 'ascending'), rounded, at least 1,
 * and never more than the class has.
 */
export function longTailCounts(available: number[], ratio: number, order: ImbalanceOrder): number[] {
  const rank = (k: number) => (order === 'descending' ? k : CLASSES - 1 - k);
  const top = available.findIndex((_, k) => rank(k) === 0);
  const nMax = available[top] ?? 0;
  return available.map((have, k) =>
    Math.min(have, Math.max(1, Math.round(nMax * ratio ** (-rank(k) / (CLASSES - 1))))),
  );
}

/** Digits of each class in a pool of indices. */
export function classCounts(labels: Uint8Array, pool: Uint32Array): number[] {
  const counts = new Array<number>(CLASSES).fill(0);
  for (const i of pool) counts[labels[i]!]! += 1;
  return counts;
}

/** A seeded long-tailed subset of `pool` (ratio 1 keeps it whole), sorted ascending. */
export function longTailSubset(
  labels: Uint8Array,
  pool: Uint32Array,
  ratio: number,
  order: ImbalanceOrder,
  seed: number,
): Uint32Array {
  if (ratio === 1) return pool;
  const byClass: number[][] = Array.from({ length: CLASSES }, () => []);
  for (const i of pool) byClass[labels[i]!]!.push(i);
  const keep = longTailCounts(
    byClass.map((c) => c.length),
    ratio,
    order,
  );
  const rng = createRng(seed);
  const picked = byClass.flatMap((members, k) => shuffleInPlace(members, rng).slice(0, keep[k]));
  return Uint32Array.from(picked).sort();
}
