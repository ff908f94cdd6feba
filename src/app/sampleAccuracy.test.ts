import { describe, expect, it } from 'vitest';
import type { Frame } from '../trainer/shared/protocol';
import { extendSampleCurve, sampleAccuracy } from './sampleAccuracy';

const frame = (step: number, predictions: number[]): Frame => ({
  seq: step, step, epoch: 0, mode: 'eval', testTotal: 0,
  heads: [{
    head: 'softmax', params: {},
    train: { features: new Float32Array(8), labels: Uint8Array.from([0, 1, 2, 3]), predictions: Uint8Array.from(predictions), indices: new Uint32Array(4), oldestStep: step, newestStep: step },
    test: { features: new Float32Array(0), labels: new Uint8Array(0), predictions: new Uint8Array(0), indices: new Uint32Array(0), oldestStep: step, newestStep: step },
  }],
});

describe('training-sample accuracy', () => {
  it('counts right predictions', () => {
    expect(sampleAccuracy(Uint8Array.from([0, 1, 0]), Uint8Array.from([0, 1, 2]))).toBeCloseTo(2 / 3, 12);
    expect(Number.isNaN(sampleAccuracy(new Uint8Array(0), new Uint8Array(0)))).toBe(true);
  });

  it('grows with frames, replaces a repeated step and restarts with a new run', () => {
    let c = extendSampleCurve([], frame(0, [0, 0, 0, 0]));
    c = extendSampleCurve(c, frame(5, [0, 1, 0, 0]));
    expect(c).toEqual([{ step: 0, heads: [0.25] }, { step: 5, heads: [0.5] }]);
    c = extendSampleCurve(c, frame(5, [0, 1, 2, 0]));
    expect(c[1]).toEqual({ step: 5, heads: [0.75] });
    expect(extendSampleCurve(c, frame(1, [0, 1, 2, 3]))).toEqual([{ step: 1, heads: [1] }]);
  });
});
