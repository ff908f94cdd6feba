import { anyHead, classifyPoints, defaultHyper, type HeadId } from '../loss/heads';
import { createRng } from '../math/random';
import type { Frame, HeadFrame, SampleEmbedding } from '../trainer/shared/protocol';
import { typedHead } from './headParams';

/** Ten blob centres on the unit circle, as a trained L-GM or ICU head lays them out. */
const CENTRES = Float32Array.from({ length: 20 }, (_, i) =>
  (i % 2 ? Math.sin : Math.cos)((2 * Math.PI * (i >> 1)) / 10),
);

/** Per-class log-variances (σ 0.1 and 0.2 alternating in x and y): tilted-looking, anisotropic blobs. */
const LOG_VARS = Float32Array.from({ length: 20 }, (_, i) => Math.log(((i + (i >> 1)) % 2 ? 0.2 : 0.1) ** 2));

/**
 * A head's parameters around CENTRES, shaped by its definition under default settings: its
 * [K, 2] matrices (weight rows, means, centers) point at the centres, log-variances give the
 * blobs' spreads, vectors (biases) are 0.
 */
function syntheticParams(id: HeadId): Record<string, Float32Array> {
  const hyper = defaultHyper(id);
  return Object.fromEntries(
    Object.entries(anyHead(id).params).flatMap(([name, spec]) => {
      const shape = spec.shape(10, 2, hyper);
      if (!shape) return [];
      return [[name, name === 'logVars' ? LOG_VARS : spec.rank === 2 ? CENTRES : new Float32Array(shape[0]!)]];
    }),
  );
}

/** The step synthetic frames (and all their digits' features) are at. */
const STEP = 1200;

/** n seeded digits drawn from the ICU blobs, labelled, and predicted by the head's own rule. */
function sample(id: HeadId, n: number, seed: number): SampleEmbedding {
  const rng = createRng(seed),
    labels = Uint8Array.from({ length: n }, (_, i) => i % 10);
  const features = new Float32Array(2 * n);
  labels.forEach((c, i) => {
    features[2 * i] = CENTRES[2 * c]! + Math.exp(LOG_VARS[2 * c]! / 2) * rng.normal();
    features[2 * i + 1] = CENTRES[2 * c + 1]! + Math.exp(LOG_VARS[2 * c + 1]! / 2) * rng.normal();
  });
  const { id: tid, params } = typedHead(id, syntheticParams(id));
  return {
    features,
    labels,
    predictions: classifyPoints(tid, params, features),
    indices: Uint32Array.from({ length: n }, (_, i) => 7 * i),
    oldestStep: STEP,
    newestStep: STEP,
  };
}

/** A seeded synthetic head frame for tests: n train and n test digits around ten blobs on the unit circle. */
export function syntheticHead(id: HeadId, n: number, seed = 1): HeadFrame {
  return { head: id, params: syntheticParams(id), train: sample(id, n, seed), test: sample(id, n, seed + 1) };
}

/** A seeded synthetic frame of several heads at step STEP. */
export function syntheticFrame(ids: readonly HeadId[], n: number): Frame {
  return {
    seq: 3,
    step: STEP,
    epoch: 2,
    mode: 'eval',
    heads: ids.map((id, k) => syntheticHead(id, n, 10 * k + 1)),
    trainTotal: 60_000,
    testTotal: 10_000,
  };
}
