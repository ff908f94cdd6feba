import { useEffect, useState } from 'react';

/** How long a control shows the value it asked for before falling back to the value in force (a refused change). */
const PENDING_MS = 1500;

/**
 * The value a control shows: the one the user just chose, until the value in force catches up.
 * Live settings come back from the worker a step later; without this a dragged slider would jump
 * back to the old position in between.
 */
export function usePending(value: number): [number, (v: number) => void] {
  const [pending, setPending] = useState<number | null>(null);
  useEffect(() => {
    if (pending === null) return;
    const timer = setTimeout(() => setPending(null), PENDING_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  return [pending ?? value, setPending];
}
