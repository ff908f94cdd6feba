import type { BackendRequest } from '../trainer/shared/config';
import type { LongTaskSummary } from './longTasks';

/** Sizes of one measurement: `warmup` untimed steps, then `steps` timed steps of `batch` digits. */
export interface BenchOptions { backend: BackendRequest; batch: number; steps: number; warmup: number }

/** One method's speed, and what it did to the page's main thread meanwhile. */
export interface BenchResult {
  /** The backend the method actually ran on. */
  backend: string;
  samplesPerSecond: number;
  msPerStep: number;
  longTasks: LongTaskSummary;
}

/** Samples per second and ms per step of `steps` steps of `batch` in `ms`. */
export function rate(steps: number, batch: number, ms: number): Pick<BenchResult, 'samplesPerSecond' | 'msPerStep'> {
  return { samplesPerSecond: (steps * batch) / (ms / 1000), msPerStep: ms / steps };
}
