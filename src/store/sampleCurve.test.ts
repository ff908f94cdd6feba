import { describe, expect, it } from 'vitest';
import type { Frame, SampleEmbedding } from '../trainer/shared/protocol';
import { extendSampleCurve, sampleAccuracy, samplePoint } from './sampleCurve';

const sample = (labels: number[], predictions: number[], step: number): SampleEmbedding => ({
  features: new Float32Array(2 * labels.length),
  labels: Uint8Array.from(labels),
  predictions: Uint8Array.from(predictions),
  indices: new Uint32Array(labels.length),
  oldestStep: step,
  newestStep: step,
});

/** Two heads; training digits 0–3, test digits 0–4. */
const frame = (step: number, train: number[][], test: number[][]): Frame => ({
  seq: step,
  step,
  epoch: 0,
  mode: 'eval',
  trainTotal: 5,
  testTotal: 5,
  heads: train.map((p, i) => ({
    head: 'softmax',
    params: {},
    train: sample([0, 1, 2, 3], p, step),
    test: sample([0, 1, 2, 3, 4], test[i]!, step),
  })),
});

describe('sample accuracy', () => {
  it('counts right predictions', () => {
    expect(sampleAccuracy(Uint8Array.from([0, 1, 0]), Uint8Array.from([0, 1, 2]))).toBeCloseTo(2 / 3, 12);
    expect(Number.isNaN(sampleAccuracy(new Uint8Array(0), new Uint8Array(0)))).toBe(true);
  });

  it('scores every head on the drawn training and test digits, with the sample sizes', () => {
    const p = samplePoint(
      frame(
        9,
        [
          [0, 1, 2, 3],
          [0, 0, 0, 0],
        ],
        [
          [0, 1, 2, 0, 0],
          [0, 1, 2, 3, 4],
        ],
      ),
    );
    expect(p).toEqual({ step: 9, train: { digits: 4, heads: [1, 0.25] }, test: { digits: 5, heads: [0.6, 1] } });
    expect(samplePoint({ ...frame(1, [], []), heads: [] }).test).toEqual({ digits: 0, heads: [] });
  });

  it('grows with frames, replaces a repeated step and restarts with a new run', () => {
    const at = (step: number, right: number) =>
      samplePoint(frame(step, [[0, 1, 2, 3].map((d, i) => (i < right ? d : 9))], [[0, 1, 2, 3, 4]]));
    let c = extendSampleCurve([], at(0, 0));
    c = extendSampleCurve(c, at(5, 2));
    expect(c.map((p) => [p.step, p.train.heads[0]])).toEqual([
      [0, 0],
      [5, 0.5],
    ]);
    c = extendSampleCurve(c, at(5, 3));
    expect(c.map((p) => [p.step, p.train.heads[0]])).toEqual([
      [0, 0],
      [5, 0.75],
    ]);
    expect(extendSampleCurve(c, at(1, 4)).map((p) => [p.step, p.train.heads[0], p.test.heads[0]])).toEqual([[1, 1, 1]]);
  });
});
