import type { BackendRequest, NetworkId } from '../trainer/shared/config';
import type { LongTaskSummary } from './longTasks';

/** One measurement: `warmup` untimed steps, then `steps` timed steps of `batch` digits of `network`, on `backend` (wasm on `threads` threads, 0 = one per logical core). */
export interface BenchOptions {
  backend: BackendRequest;
  threads: number;
  batch: number;
  steps: number;
  warmup: number;
  network: NetworkId;
}

/** One method's speed, and what it did to the page's main thread meanwhile. */
export interface BenchResult {
  /** The backend the method actually ran on, and how (wasm: SIMD, threads). */
  backend: string;
  backendReason: string;
  samplesPerSecond: number;
  msPerStep: number;
  longTasks: LongTaskSummary;
}

/** Samples per second and ms per step of `steps` steps of `batch` in `ms`. */
export function rate(steps: number, batch: number, ms: number): Pick<BenchResult, 'samplesPerSecond' | 'msPerStep'> {
  return { samplesPerSecond: (steps * batch) / (ms / 1000), msPerStep: ms / steps };
}
