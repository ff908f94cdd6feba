import type { Mnist, Split } from '../data/mnist';
import { createRng } from '../math/random';
import type { Architecture } from '../model/architecture';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';

/** Test support: a network narrow enough that a run's steps take milliseconds on cpu. */
export const TINY: Architecture = { conv: [2, 2, 2, 2], hidden: 4, featureDim: 2 };

/** Random digits with a class-dependent bright square, so the heads have something to learn. */
function learnableSplit(count: number, seed: number): Split {
  const rng = createRng(seed);
  const labels = Uint8Array.from({ length: count }, (_, i) => i % 10);
  const images = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) {
    for (let p = 0; p < 784; p++) images[i * 784 + p] = rng.int(60);
    const r0 = 2 + 2 * labels[i]!;
    for (let r = r0; r < r0 + 4; r++) for (let c = 4; c < 24; c++) images[i * 784 + r * 28 + c] = 255;
  }
  return { count, images, labels };
}

/** 200 training and 50 test digits the heads can learn to tell apart. */
export const LEARNABLE: Mnist = { train: learnableSplit(200, 1), test: learnableSplit(50, 2) };

/** A run of `heads` on LEARNABLE, in batches of 8, drawing 20 training digits. */
export const learnableConfig = (heads: RunConfig['heads']): RunConfig => ({
  ...DEFAULT_CONFIG,
  trainSize: 200,
  testSize: 50,
  batchSize: 8,
  frameTrainPoints: 20,
  heads,
});
