import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../math/random';
import { classifyPoints, inferenceScores, type HeadArrays, type HeadId } from './heads';
import { headLogits, type HeadParams } from './heads.tf';

const K = 6,
  N = 2000;
const rng = createRng(17);
const normals = (n: number, sd: number): Float32Array => Float32Array.from({ length: n }, () => sd * rng.normal());
const matrix = (a: Float32Array, cols: number): tf.Tensor2D => tf.tensor2d(a, [a.length / cols, cols]);

type Variant<H extends HeadId> = { headId: H; name: string; arrays: HeadArrays[H]; tensors: () => HeadParams[H] };
type AnyVariant = { [H in HeadId]: Variant<H> }[HeadId];

const weights = normals(2 * K, 1),
  bias = normals(K, 1),
  means = normals(2 * K, 1.5);
const diag = normals(2 * K, 1),
  iso = normals(K, 1);
const VARIANTS: AnyVariant[] = [
  {
    headId: 'softmax',
    name: 'softmax',
    arrays: { weights, bias },
    tensors: () => ({ weights: matrix(weights, 2), bias: tf.tensor1d(bias) }),
  },
  {
    headId: 'center',
    name: 'center',
    arrays: { weights, bias, centers: means },
    tensors: () => ({ weights: matrix(weights, 2), bias: tf.tensor1d(bias), centers: tf.zeros([K, 2]) }),
  },
  {
    headId: 'lsoftmax',
    name: 'L-Softmax (m = 1 at inference)',
    arrays: { weights },
    tensors: () => ({ weights: matrix(weights, 2) }),
  },
  { headId: 'lgm', name: 'L-GM identity', arrays: { means }, tensors: () => ({ means: matrix(means, 2) }) },
  {
    headId: 'lgm',
    name: 'L-GM diag',
    arrays: { means, logVars: diag },
    tensors: () => ({ means: matrix(means, 2), logVars: matrix(diag, 2) }),
  },
  {
    headId: 'icu',
    name: 'ICU diag',
    arrays: { means, logVars: diag },
    tensors: () => ({ means: matrix(means, 2), logVars: matrix(diag, 2) }),
  },
  {
    headId: 'icu',
    name: 'ICU iso',
    arrays: { means, logVars: iso },
    tensors: () => ({ means: matrix(means, 2), logVars: matrix(iso, 1) }),
  },
];

/** tfjs logits and predictions for a variant (correlated-union call, no casts). */
function tfjsInference<H extends HeadId>(
  v: Variant<H>,
  xy: Float32Array,
): { logits: Float32Array; labels: Int32Array } {
  return tf.tidy(() => {
    const logits = headLogits(v.headId, matrix(xy, 2), v.tensors());
    return { logits: Float32Array.from(logits.dataSync()), labels: Int32Array.from(tf.argMax(logits, 1).dataSync()) };
  });
}

/** Plain-TS predictions of a variant. */
const plainLabels = <H extends HeadId>(v: Variant<H>, xy: Float32Array): Uint8Array =>
  classifyPoints(v.headId, v.arrays, xy);
const plainScores = <H extends HeadId>(v: Variant<H>, xy: Float32Array): Float32Array =>
  inferenceScores(v.headId, v.arrays, xy);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('plain-TS decision rule vs tfjs inference on random points', () => {
  const xy = normals(2 * N, 3);

  it.each(VARIANTS)('$name: same class for every point, same logits', (v) => {
    const ref = tfjsInference(v, xy),
      scores = plainScores(v, xy),
      labels = plainLabels(v, xy);
    let compared = 0;
    for (let i = 0; i < N; i++) {
      const row = Array.from(scores.subarray(i * K, (i + 1) * K)).sort((a, b) => b - a);
      if ((row[0] ?? 0) - (row[1] ?? 0) < 1e-4) continue; // a float32 near-tie may go either way
      compared++;
      expect(labels[i]).toBe(ref.labels[i]);
    }
    expect(compared).toBeGreaterThan(0.99 * N);
    scores.forEach((s, j) =>
      expect(Math.abs(s - (ref.logits[j] ?? NaN))).toBeLessThan(1e-4 * Math.max(1, Math.abs(s))),
    );
  });

  it('reuses an output buffer and predicts the worked ICU batch as [0, 1, 0]', () => {
    const out = new Uint8Array(3);
    const icu = { means: new Float32Array([0, 0, 2, 1]), logVars: new Float32Array([0, 0, Math.log(0.25), 0]) };
    expect(classifyPoints('icu', icu, new Float32Array([0.5, -0.5, 1.5, 1, -0.5, 0.5]), out)).toBe(out);
    expect(Array.from(out)).toEqual([0, 1, 0]);
  });

  it('rejects malformed parameter arrays', () => {
    expect(() => classifyPoints('softmax', { weights: new Float32Array(3) }, new Float32Array(2))).toThrow(/K·2/);
    expect(() => classifyPoints('icu', { means, logVars: new Float32Array(K + 1) }, new Float32Array(2))).toThrow(
      /logVars/,
    );
  });
});
