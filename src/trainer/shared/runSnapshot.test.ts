import { describe, expect, it } from 'vitest';
import { snapshotMessage, transferables } from './protocol';
import { copySnapshot, type RunSnapshot } from './runSnapshot';

const snap: RunSnapshot = {
  network: 'lite',
  step: 3,
  epoch: 0,
  batchInEpoch: 3,
  learningRate: 0.01,
  learners: [
    {
      head: 'icu',
      values: { w: Float32Array.from([1, 2]) },
      hyper: { alpha: 0.1 },
      optimizer: { t: 3, m: { w: Float32Array.from([0.5, 0]) }, v: { w: Float32Array.from([0.25, 0]) } },
    },
  ],
};

describe('snapshots on the wire', () => {
  it('copies every array, so the posted copy can be transferred while the worker keeps its own', () => {
    const copy = copySnapshot(snap);
    expect(copy).toEqual(snap);
    expect(copy.learners[0]!.values.w).not.toBe(snap.learners[0]!.values.w);
    const buffers = transferables(snapshotMessage(1, copy));
    expect(buffers).toHaveLength(3);
    expect(buffers).not.toContain(snap.learners[0]!.values.w!.buffer);
  });
});

describe('a snapshot message', () => {
  it("brings the snapshot's arrays as a Blob of float32s: values, then Adam's first and second moments", async () => {
    const { body } = snapshotMessage(1, copySnapshot(snap));
    expect(new Float32Array(await body.arrayBuffer())).toEqual(Float32Array.from([1, 2, 0.5, 0, 0.25, 0]));
  });
});
