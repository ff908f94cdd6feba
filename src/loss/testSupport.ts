import * as tf from '@tensorflow/tfjs';
import type { LossParts } from './head.tf';

/** The spec's worked batch: x = [(0.5, −0.5), (1.5, 1), (−0.5, 0.5)], z = [0, 1, 0], K = D = 2. */
export const WORKED = {
  x: [
    [0.5, -0.5],
    [1.5, 1.0],
    [-0.5, 0.5],
  ],
  z: [0, 1, 0],
  weights: [
    [-1, 0.5],
    [1, 0.5],
  ],
  means: [
    [0, 0],
    [2, 1],
  ],
  logVars: [
    [0, 0],
    [Math.log(0.25), 0],
  ],
} as const;

/** The worked batch and parameters as tensors (create after the backend is set). */
export function workedTensors() {
  const matrix = (rows: readonly (readonly number[])[]): tf.Tensor2D => tf.tensor2d(rows.map((r) => [...r]));
  return {
    x: matrix(WORKED.x),
    z: tf.tensor1d([...WORKED.z], 'int32'),
    weights: matrix(WORKED.weights),
    means: matrix(WORKED.means),
    logVars: matrix(WORKED.logVars),
  };
}

/** Read LossParts as plain numbers and dispose them. */
export function readParts(parts: LossParts): { total: number; ce: number; reg: number } {
  const out = {
    total: parts.total.dataSync()[0] ?? NaN,
    ce: parts.ce.dataSync()[0] ?? NaN,
    reg: parts.reg.dataSync()[0] ?? NaN,
  };
  tf.dispose([parts.total, parts.ce, parts.reg]);
  return out;
}

/** A random float32 matrix [rows, cols] with entries uniform in [−scale, scale), seeded. */
export function randomMatrix(rows: number, cols: number, scale: number, seed: number): tf.Tensor2D {
  return tf.randomUniform([rows, cols], -scale, scale, 'float32', seed) as tf.Tensor2D;
}

/** Largest gap between analytic and central-difference gradients, relative to max(1, |fd|). */
export function gradientError(f: (inputs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[], step: number): number {
  const analytic = tf.tidy(() =>
    tf
      .grads((...xs: tf.Tensor[]) => f(xs))(inputs)
      .map((g) => g.dataSync().slice()),
  );
  let worst = 0;
  inputs.forEach((input, which) => {
    const base = Float32Array.from(input.dataSync());
    const grad = analytic[which] ?? new Float32Array(0);
    base.forEach((_, j) => {
      const fd = centralDifference(f, inputs, which, base, j, step);
      worst = Math.max(worst, Math.abs((grad[j] ?? NaN) - fd) / Math.max(1, Math.abs(fd)));
    });
  });
  return worst;
}

/** (f(v + h·e_j) − f(v − h·e_j)) / 2h for input `which`, all else fixed. */
function centralDifference(
  f: (inputs: tf.Tensor[]) => tf.Scalar,
  inputs: tf.Tensor[],
  which: number,
  base: Float32Array,
  j: number,
  h: number,
): number {
  const at = (delta: number): number =>
    tf.tidy(() => {
      const moved = base.slice();
      moved[j] = (moved[j] ?? 0) + delta;
      const xs = inputs.map((t, i) => (i === which ? tf.tensor(moved, t.shape) : t));
      return f(xs).dataSync()[0] ?? NaN;
    });
  return (at(h) - at(-h)) / (2 * h);
}
