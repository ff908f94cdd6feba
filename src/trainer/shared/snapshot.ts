import type { LearnerSnapshot } from '../../train/snapshot';

export type { LearnerSnapshot };

/** A run's state at a step: enough to resume it exactly (same batches from there on). */
export interface RunSnapshot {
  step: number;
  /** The batch sampler's position: completed epochs and batches into the current one. */
  epoch: number;
  batchInEpoch: number;
  learningRate: number;
  learners: LearnerSnapshot[];
}
