import type { Rng } from '../math/random';

/** Fills a parameter of `shape` with initial values, drawing from a seeded `rng`. */
export type ParamInit = (rng: Rng, shape: readonly number[]) => Float32Array;

const size = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

/** All zeros (biases, center-loss centers, log-variances s = 0 i.e. σ² = 1). */
export const zerosInit: ParamInit = (_rng, shape) => new Float32Array(size(shape));

/** Standard normal N(0, 1) (Gaussian heads' means). */
export const standardNormalInit: ParamInit = (rng, shape) =>
  Float32Array.from({ length: size(shape) }, () => rng.normal());

/** Glorot (Xavier) normal for a [K, D] weight, std = sqrt(2 / (K + D)); untruncated, unlike Keras. */
export const glorotNormalInit: ParamInit = (rng, shape) => {
  const std = Math.sqrt(2 / shape.reduce((a, b) => a + b, 0));
  return Float32Array.from({ length: size(shape) }, () => std * rng.normal());
};
