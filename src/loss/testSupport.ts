import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { createRng } from '../math/random';
import type { LossParts } from './head.tf';
import { anyHead, classCount, headArrays, type HeadHyper, type HeadId } from './heads';
import { bindParams, headLoss } from './heads.tf';
import { PLOT_DIMS, type PlaneArray, type PlaneLossParts } from './plane';

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

// ---- The heads' plane math (the sandbox) ----

/**
 * A seeded sample of the plane, float32 so tfjs sees the same numbers: n points 2·N(0, 1), labels with every
 * class present (the first K points take 0..K−1); `normals` draws parameters from the same generator.
 */
export function planeSample(seed: number, n: number, numClasses: number) {
  const rng = createRng(seed);
  const points = Float32Array.from({ length: n * PLOT_DIMS }, () => 2 * rng.normal());
  const labels = Uint8Array.from({ length: n }, (_, i) => (i < numClasses ? i : rng.int(numClasses)));
  const normals = (length: number, scale: number) => Float32Array.from({ length }, () => scale * rng.normal());
  return { points, labels, normals };
}

const FD_STEP = 1e-5;

/**
 * Head `id`'s plane gradient of `total` w.r.t. every parameter given, and of `reg` for those its `regGrads` name,
 * against float64 central differences: relative error < 1e-6, or absolute < 1e-9 where the gradient is ~0.
 */
export function expectPlaneGradientsMatchDifferences<H extends HeadId>(
  id: H,
  points: Float32Array,
  labels: Uint8Array,
  params: Readonly<Record<string, PlaneArray>>,
  hyper: HeadHyper[H],
): void {
  const loss = (p: Readonly<Record<string, PlaneArray>>): PlaneLossParts => anyHead(id).plane(points, labels, p, hyper);
  const result = loss(params);
  const checks = [
    ...Object.keys(params).map((key) => ({ key, part: 'total' as const, analytic: result.grads[key] })),
    ...Object.entries(result.regGrads ?? {}).map(([key, analytic]) => ({ key, part: 'reg' as const, analytic })),
  ];
  for (const { key, part, analytic } of checks) {
    const base = Float64Array.from(params[key] ?? []);
    expect(analytic?.length, `∂${part}/∂${key}: length`).toBe(base.length);
    base.forEach((v, i) => {
      const at = (d: number) => {
        const moved = Float64Array.from(base);
        moved[i] = v + d;
        return loss({ ...params, [key]: moved })[part];
      };
      const fd = (at(FD_STEP) - at(-FD_STEP)) / (2 * FD_STEP);
      const a = analytic?.[i] ?? NaN;
      expect(Math.abs(fd - a), `∂${part}/∂${key}[${i}]: fd ${fd}, analytic ${a}`).toBeLessThan(
        Math.max(1e-9, 1e-6 * Math.abs(fd)),
      );
    });
  }
}

/**
 * Head `id`'s plane math against its tfjs loss (headLoss at training step `iteration`) and tf.grads on the
 * current backend: ce, reg, total and every parameter's gradient within 1e-5 (relative beyond 1).
 */
export function expectPlaneMatchesTf<H extends HeadId>(
  id: H,
  points: Float32Array,
  labels: Uint8Array,
  params: Readonly<Record<string, Float32Array>>,
  hyper: HeadHyper[H],
  iteration = 0,
): void {
  const head = anyHead(id);
  const plain = head.plane(points, labels, params, hyper);
  const numClasses = classCount(id, headArrays(id, params));
  const names = Object.keys(params);
  const tensors = names.map((name) => {
    const shape = head.params[name]?.shape(numClasses, PLOT_DIMS, hyper);
    if (!shape) throw new Error(`${id} does not use parameter '${name}' under these settings`);
    return tf.tensor(params[name] ?? [], shape);
  });
  const x = tf.tensor2d(points, [labels.length, PLOT_DIMS]);
  const z = tf.tensor1d(Array.from(labels), 'int32');
  const loss = (ts: tf.Tensor[]) =>
    headLoss(id, x, z, bindParams(id, Object.fromEntries(names.map((n, i) => [n, ts[i]]))), hyper, iteration);
  const close = (tfValue: number, plainValue: number, what: string) =>
    expect(Math.abs(tfValue - plainValue), `${what}: tfjs ${tfValue}, plain ${plainValue}`).toBeLessThan(
      1e-5 * Math.max(1, Math.abs(plainValue)),
    );
  const parts = readParts(loss(tensors));
  for (const part of ['ce', 'reg', 'total'] as const) close(parts[part], plain[part], part);
  const grads = tf.grads((...ts: tf.Tensor[]) => loss(ts).total)(tensors);
  names.forEach((name, which) => {
    const g = grads[which]?.dataSync() ?? [];
    expect(g.length, `∂/∂${name}: length`).toBe(params[name]?.length);
    g.forEach((v, i) => close(v, plain.grads[name]?.[i] ?? NaN, `∂/∂${name}[${i}]`));
  });
  tf.dispose([x, z, ...tensors, ...grads]);
}

/**
 * Each class's mean point [K·2] (NaN where absent), averaged here directly so a head's `batchMeans` is checked
 * against it, and the distance from row k of `rows` ([K·2]) to class k's mean: a pull toward it shortens it.
 */
export function sampleClassMeans(points: Float32Array, labels: Uint8Array, numClasses: number) {
  const means = Array.from({ length: numClasses }, (_, k) => {
    const own = Array.from(labels.keys()).filter((i) => labels[i] === k);
    return [0, 1].map((j) => own.reduce((sum, i) => sum + (points[i * PLOT_DIMS + j] ?? 0), 0) / own.length);
  }).flat();
  const distance = (rows: ArrayLike<number>, k: number) =>
    Math.hypot((rows[2 * k] ?? 0) - (means[2 * k] ?? 0), (rows[2 * k + 1] ?? 0) - (means[2 * k + 1] ?? 0));
  return { means, distance };
}
