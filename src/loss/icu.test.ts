import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { gaussianDistances, icuLogits, icuLoss } from './index';
import { readParts, workedTensors } from './testSupport';

const weights = { alpha: 0.1, gamma: 0.2, lambdaMu: 0.1, lambdaSigma: 0.1 };
let w: ReturnType<typeof workedTensors>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  w = workedTensors();
});

describe('ICU regularizer over present classes (Eq. 14)', () => {
  it('an absent class adds exactly 0, and its μ and s get a zero regularizer gradient', () => {
    const means3 = tf.concat([w.means, tf.tensor2d([[5, -5]])]);
    const logVars3 = tf.concat([w.logVars, tf.tensor2d([[-3, 4]])]);
    const reg2 = readParts(icuLoss(w.x, w.z, { means: w.means, logVars: w.logVars }, weights)).reg;
    const reg3 = readParts(icuLoss(w.x, w.z, { means: means3, logVars: logVars3 }, weights)).reg;
    expect(reg3).toBe(reg2);
    const [gMu, gS] = tf.grads(
      (mu: tf.Tensor, s: tf.Tensor) =>
        icuLoss(w.x, w.z, { means: mu as tf.Tensor2D, logVars: s as tf.Tensor2D }, weights).reg,
    )([means3, logVars3]);
    const absentRow = (g: tf.Tensor | undefined): number[] => Array.from(g?.dataSync() ?? []).slice(4);
    expect(absentRow(gMu).map(Math.abs)).toEqual([0, 0]);
    expect(absentRow(gS).map(Math.abs)).toEqual([0, 0]);
  });

  it("∂R/∂μ_k is (2λμ − 4λσ(σ² − σ̄²))·(μ_k − μ̄_k): the corrected sign of the paper's Eq. 15", () => {
    const lambdaMu = 0.3,
      lambdaSigma = 0.2,
      xs = [
        [0.5, -0.5],
        [-0.5, 0.5],
        [1.0, 2.0],
      ],
      mu = [0.2, -0.4],
      sv = [0.3, -0.6];
    const x = tf.tensor2d(xs),
      z = tf.tensor1d([0, 0, 0], 'int32');
    const reg = (m: tf.Tensor): tf.Scalar =>
      icuLoss(
        x,
        z,
        { means: m as tf.Tensor2D, logVars: tf.tensor2d([sv]) },
        { alpha: 0, gamma: 0, lambdaMu, lambdaSigma },
      ).reg;
    const grad = tf
      .grad(reg)(tf.tensor2d([mu]))
      .dataSync();
    [0, 1].forEach((j) => {
      const m = mu[j] ?? 0,
        col = xs.map((r) => r[j] ?? 0);
      const batchMean = col.reduce((a, b) => a + b, 0) / 3;
      const batchVar = col.reduce((a, b) => a + (b - m) ** 2, 0) / 3; // Eq. 13, centred on μ_k
      const expected = (2 * lambdaMu - 4 * lambdaSigma * (Math.exp(sv[j] ?? 0) - batchVar)) * (m - batchMean);
      expect(grad[j]).toBeCloseTo(expected, 5);
    });
  });

  it('iso with t equals diag with every s_j = t', () => {
    const t = tf.tensor2d([[-0.7], [0.4]]);
    const iso = readParts(icuLoss(w.x, w.z, { means: w.means, logVars: t }, { ...weights, cov: 'iso' }));
    const diag = readParts(icuLoss(w.x, w.z, { means: w.means, logVars: tf.tile(t, [1, 2]) }, weights));
    expect(iso.ce).toBeCloseTo(diag.ce, 6);
    // Eq. 14 iso pools the two coordinates into one σ̄², so only ce must agree; reg is its own.
    expect(Number.isFinite(iso.reg)).toBe(true);
  });

  it('rejects logVars of the wrong shape for the covariance family', () => {
    expect(() => icuLoss(w.x, w.z, { means: w.means, logVars: w.logVars }, { ...weights, cov: 'iso' })).toThrow(
      /\[2, 1\]/,
    );
    expect(() => icuLoss(w.x, w.z, { means: w.means, logVars: tf.zeros([2, 1]) }, weights)).toThrow(/\[2, 2\]/);
  });
});

describe("margins: 'full' vs 'mahalanobis'", () => {
  const p = (): { means: tf.Tensor2D; logVars: tf.Tensor2D } => ({ means: w.means, logVars: w.logVars });
  const trueLogit = (h: Parameters<typeof icuLogits>[3]): number =>
    icuLogits(w.x, w.z, p(), h).arraySync()[1]?.[1] ?? NaN;

  it('with d < 0 the literal (1+α) raises the true logit (slack); on maha only it lowers it', () => {
    const plain = trueLogit({ ...weights, alpha: 0, gamma: 0 });
    expect(plain).toBeCloseTo(0.193147181, 5); // sample 2: d = −0.193 since σ²_x = 0.25
    expect(trueLogit({ ...weights, alpha: 0.1, gamma: 0 })).toBeCloseTo(0.212461899, 5);
    expect(trueLogit({ ...weights, alpha: 0.1, gamma: 0, marginOn: 'mahalanobis' })).toBeCloseTo(0.143147181, 5);
  });

  it('mahalanobis variant of the worked margins case (float64 by hand: ce 0.065879124)', () => {
    const r = readParts(icuLoss(w.x, w.z, p(), { ...weights, marginOn: 'mahalanobis' }));
    expect(Math.abs(r.ce - 0.065879124)).toBeLessThan(1e-5);
    expect(Math.abs(r.reg - 0.2375)).toBeLessThan(1e-5);
  });
});

describe('log-variance clamp', () => {
  const dAt = (s: number): number =>
    gaussianDistances(tf.tensor2d([[1, 0]]), tf.zeros([1, 2]), tf.fill([1, 2], s)).dataSync()[0] ?? NaN;

  it('leaves values inside [−20, 20] unchanged', () => {
    for (const s of [-19.5, -3, 0, 7, 19.5]) {
      const exact = 0.5 * (Math.exp(-s) + 2 * s);
      expect(Math.abs(dAt(s) - exact) / Math.abs(exact)).toBeLessThan(1e-6);
    }
  });

  it('clamps beyond it', () => {
    expect(dAt(-35)).toBe(dAt(-20));
    expect(dAt(35)).toBe(dAt(20));
  });
});
