import { IMAGE_SIZE } from './idx';

/** Mean of MNIST training pixels scaled to [0, 1]. */
export const MNIST_MEAN = 0.1307;
/** Standard deviation of MNIST training pixels scaled to [0, 1]. */
export const MNIST_STD = 0.3081;

/** The pixel statistics an input is standardised with. */
export interface Normalization {
  mean: number;
  std: number;
}

/**
 * Writes (x/255 − mean)/std for the digits at `indices`, in order, into `out` (length
 * indices.length·784); MNIST's statistics unless others are given (a parity fixture's).
 */
export function normalizeInto(
  images: Uint8Array,
  indices: ArrayLike<number>,
  out: Float32Array,
  norm: Normalization = { mean: MNIST_MEAN, std: MNIST_STD },
): Float32Array {
  // (x/255 − mean)/std folded into one multiply-add per pixel.
  const scale = 1 / (255 * norm.std),
    shift = -norm.mean / norm.std;
  if (out.length !== indices.length * IMAGE_SIZE) {
    throw new RangeError(`out holds ${out.length} values, expected ${indices.length} × ${IMAGE_SIZE}`);
  }
  for (let k = 0; k < indices.length; k++) {
    const start = (indices[k] ?? -1) * IMAGE_SIZE;
    if (!(start >= 0 && start + IMAGE_SIZE <= images.length)) {
      throw new RangeError(`digit index ${indices[k]} is outside the ${images.length / IMAGE_SIZE} images`);
    }
    const offset = k * IMAGE_SIZE;
    for (let p = 0; p < IMAGE_SIZE; p++) out[offset + p] = (images[start + p] ?? 0) * scale + shift;
  }
  return out;
}
