import { createRng, shuffleInPlace, type Rng } from '../math/random';

/** A seeded, class-stratified sample of `n` indices into `labels`, sorted ascending; all indices when n ≥ count. */
export function selectSubset(labels: Uint8Array, n: number, seed: number): Uint32Array {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`subset size must be a whole number ≥ 0, got ${n}`);
  if (n >= labels.length) return Uint32Array.from(labels.keys());
  const rng = createRng(seed);
  const classes = balanceQuotas(groupByClass(labels), n, rng);
  const picked = classes.flatMap(({ members, quota }) => shuffleInPlace(members, rng).slice(0, quota));
  // Ascending order keeps later reads of the image buffer sequential.
  return Uint32Array.from(picked).sort();
}

/** The indices of each class, ascending; a label absent from the data gives an empty class. */
function groupByClass(labels: Uint8Array): number[][] {
  const byClass: number[][] = [];
  labels.forEach((label, i) => (byClass[label] ??= []).push(i));
  return Array.from(byClass, (members) => members ?? []);
}

/**
 * Splits n over classes as evenly as their sizes allow: every class gets an equal share, a class too
 * small for it gives all it has, and the rest is shared again. Leftover units go to seeded classes.
 */
function balanceQuotas(byClass: number[][], n: number, rng: Rng): { members: number[]; quota: number }[] {
  const classes = byClass.map((members) => ({ members, quota: 0 }));
  let remaining = n; // n < labels.length, so some class has room while anything remains
  while (remaining > 0) {
    const open = classes.filter((c) => c.quota < c.members.length);
    const share = Math.floor(remaining / open.length);
    if (share === 0) {
      for (const c of shuffleInPlace(open, rng).slice(0, remaining)) c.quota += 1;
      break;
    }
    for (const c of open) {
      const add = Math.min(share, c.members.length - c.quota);
      c.quota += add;
      remaining -= add;
    }
  }
  return classes;
}
