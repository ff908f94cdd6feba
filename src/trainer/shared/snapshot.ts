import type { NetworkId } from '../../model/architecture';
import type { LearnerSnapshot } from '../../train/snapshot';

export type { LearnerSnapshot };

/** A run's state at a step: enough to resume it exactly (same batches from there on). */
export interface RunSnapshot {
  /** The network the learners' values belong to (a resumed run keeps it, whatever the backend). */
  network: NetworkId;
  step: number;
  /** The batch sampler's position: completed epochs and batches into the current one. */
  epoch: number;
  batchInEpoch: number;
  learningRate: number;
  learners: LearnerSnapshot[];
}

/** Every typed array of a snapshot. */
export function snapshotArrays(s: RunSnapshot): Float32Array[] {
  return s.learners.flatMap((l) => [...Object.values(l.values), ...l.optimizer.m, ...l.optimizer.v]);
}

/** A deep copy of a snapshot's arrays (to transfer one while keeping the other). */
export function copySnapshot(s: RunSnapshot): RunSnapshot {
  const copy = (r: Record<string, Float32Array>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.slice()]));
  return {
    ...s,
    learners: s.learners.map((l) => ({
      values: copy(l.values), hyper: { ...l.hyper },
      optimizer: { t: l.optimizer.t, m: l.optimizer.m.map((a) => a.slice()), v: l.optimizer.v.map((a) => a.slice()) },
    })),
  };
}
