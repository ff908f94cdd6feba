import type { BackendName, BackendRequest } from '../shared/config';

/**
 * What the client does when a run's GPU device is lost:
 * - 'retry': a new worker on a fresh device of the same backend, resumed from the last snapshot;
 * - 'next': a new worker on the automatic choice without the lost backend, resumed likewise;
 * - 'stop': stop with an error that offers to resume on `offer` (a forced backend is never switched silently).
 */
export type DeviceLossAction = { kind: 'retry' } | { kind: 'next' } | { kind: 'stop'; offer: BackendName };

/** The backend a stopped run is offered: one that needs no GPU device, so it cannot lose one. */
export const DEVICELESS_BACKEND: BackendName = 'wasm';

/**
 * The policy (docs/trainer.md, Faults). A device is often lost once (a driver reset, a GPU
 * process restart) and a fresh one works, so the same backend is tried again first. When that
 * retry fails too, an automatic choice moves on; a backend the user forced stops, offering the
 * switch. `retryFailed`: the lost device was the fresh one of that retry.
 */
export function afterDeviceLoss(requested: BackendRequest, retryFailed: boolean): DeviceLossAction {
  if (!retryFailed) return { kind: 'retry' };
  return requested === 'auto' ? { kind: 'next' } : { kind: 'stop', offer: DEVICELESS_BACKEND };
}

/**
 * Follows one run's device losses: a retry on a fresh device is pending from the loss until the
 * resumed run trains a step; a loss (or a backend that cannot start) meanwhile means the retry failed.
 */
export class DeviceLossTracker {
  /** The backend a fresh device is being tried on, until the resumed run trains a step. */
  private retrying: BackendName | null = null;
  /** A restart after a loss whose backend the notices have not named yet. */
  private unannounced = false;

  /** Decides what to do about a loss of `backend`'s device in a run that asked for `requested`. */
  decide(requested: BackendRequest, backend: BackendName): DeviceLossAction {
    const action = afterDeviceLoss(requested, this.retrying === backend);
    this.retrying = action.kind === 'retry' ? backend : null;
    this.unannounced = action.kind !== 'stop';
    return action;
  }

  /** Whether a retry on a fresh device is under way (a backend error now means it failed). */
  get pending(): boolean {
    return this.retrying !== null;
  }

  /** The resumed run trained a step: its device works, and a later loss is a new one. */
  trained(): void {
    this.retrying = null;
  }

  /** The notice for the backend a restarted run got, once, or null when there is nothing to announce. */
  resumedOn(backend: string): string | null {
    if (!this.unannounced) return null;
    this.unannounced = false;
    return `Resumed on ${backend} after the device loss.`;
  }
}
