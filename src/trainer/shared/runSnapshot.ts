import type { NetworkId } from '../../model/architecture';
import type { LearnerSnapshot } from '../../learner/snapshot';

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

/** Every typed array of a snapshot: each learner's values, then its Adam moments (the order a run file lists them in). */
export function snapshotArrays(s: RunSnapshot): Float32Array[] {
  return s.learners.flatMap((l) => [...Object.values(l.values), ...adamMoments(l)]);
}

/** A snapshot's arrays end to end as float32 bytes: the part of a run file after its header. */
export function snapshotBytes(s: RunSnapshot): Uint8Array<ArrayBuffer> {
  const arrays = snapshotArrays(s);
  const bytes = new Uint8Array(4 * arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    new Float32Array(bytes.buffer, at, a.length).set(a);
    at += 4 * a.length;
  }
  return bytes;
}

/** A learner's Adam moment estimates, first and second (none without an optimizer state). */
export function adamMoments(l: LearnerSnapshot): Float32Array[] {
  return [...Object.values(l.optimizer?.m ?? {}), ...Object.values(l.optimizer?.v ?? {})];
}

/** A deep copy of a snapshot's arrays (to transfer one while keeping the other). */
export function copySnapshot(s: RunSnapshot): RunSnapshot {
  const copy = (r: Record<string, Float32Array>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.slice()]));
  return {
    ...s,
    learners: s.learners.map((l) => ({
      head: l.head,
      values: copy(l.values),
      hyper: { ...l.hyper },
      optimizer: l.optimizer && { t: l.optimizer.t, m: copy(l.optimizer.m), v: copy(l.optimizer.v) },
    })),
  };
}
