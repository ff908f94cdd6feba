import type { StepLoss } from '../../learner/learner';
import type { Frame } from '../shared/protocol';
import { adamMoments, type RunSnapshot } from '../shared/runSnapshot';

/** The first head and part that went non-finite, or null when everything is finite. */
export interface NonFinite {
  head: number;
  part: string;
}

/**
 * A loss beyond this has diverged even while still finite: float32 gradients of
 * such a loss carry no information, and Infinity and NaN follow within steps.
 */
export const LOSS_LIMIT = 1e12;

/** Checks a step's loss parts, head by head: non-finite, or beyond LOSS_LIMIT. */
export function nonFiniteLoss(losses: readonly StepLoss[]): NonFinite | null {
  for (const [head, l] of losses.entries()) {
    for (const part of ['ce', 'reg', 'total'] as const) {
      if (!Number.isFinite(l[part])) return { head, part: `loss ${part}` };
      if (Math.abs(l[part]) > LOSS_LIMIT) return { head, part: `loss ${part} (beyond ${LOSS_LIMIT.toExponential(0)})` };
    }
  }
  return null;
}

function allFinite(a: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** Checks a frame's parameters and features, so no NaN is ever drawn. */
export function nonFiniteFrame(frame: Frame): NonFinite | null {
  for (const [head, h] of frame.heads.entries()) {
    for (const [name, values] of Object.entries(h.params))
      if (!allFinite(values)) return { head, part: `parameter ${name}` };
    if (!allFinite(h.train.features) || !allFinite(h.test.features)) return { head, part: 'features' };
  }
  return null;
}

/** Checks a snapshot's values and Adam moments, head by head, so a revert never goes back to a NaN. */
export function nonFiniteSnapshot(s: RunSnapshot): NonFinite | null {
  for (const [head, l] of s.learners.entries()) {
    for (const [name, values] of Object.entries(l.values))
      if (!allFinite(values)) return { head, part: `parameter ${name} (in a snapshot)` };
    if (!adamMoments(l).every(allFinite)) return { head, part: 'Adam moments (in a snapshot)' };
  }
  return null;
}

/** Whether an error's text says the GPU device (or WebGL context) is gone: a fallback for when it comes before the platform's own signal (watchDevice). */
export function isDeviceLoss(e: unknown): boolean {
  const text = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /device (was |is )?lost|lost device|Instance reference no longer exists|context (was )?lost|CONTEXT_LOST/i.test(
    text,
  );
}
