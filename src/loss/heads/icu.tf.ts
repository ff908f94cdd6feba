import * as tf from '@tensorflow/tfjs';
import { assertShape, crossEntropy, labelMask, lossParts } from '../crossEntropy';
import { clampLogVars, gaussianDistances, logDet, mahalanobis, squaredDiffs } from '../gaussianTerms';
import type { HyperOf } from '../head';
import type { HeadTf, LossParts, TensorParams } from '../head.tf';
import { icu } from './icu';

/** ICU head: means [K,D] and log-variances s = ln σ² ([K,D] diag, [K,1] iso). */
export type IcuParams = TensorParams<typeof icu>;

type IcuSettings = HyperOf<typeof icu.hyper>;

/** ICU covariance family. */
export type IcuCov = IcuSettings['cov'];

/** Where ICU's inter-class margin α acts: on the whole of d (Eq. 17) or on the Mahalanobis part only. */
export type IcuMarginOn = IcuSettings['marginOn'];

/** ICU hyper-parameters as the spec's API takes them: the app's settings, cov ('diag') and marginOn ('full') optional. */
export type IcuHyper = Omit<IcuSettings, 'cov' | 'marginOn'> & Partial<Pick<IcuSettings, 'cov' | 'marginOn'>>;

/** What the ICU regularizer (Eq. 14) needs: features, (x − μ)², labels mask, clamped log-variances. */
interface IcuRegInputs {
  x: tf.Tensor2D;
  sq: tf.Tensor3D;
  mask: tf.Tensor2D;
  means: tf.Tensor2D;
  logVars: tf.Tensor2D;
  cov: IcuCov;
}

/** Eq. 13, centred on the parameter μ_k: σ̄²_kj = Σ_{z_i=k} (x_ij − μ_kj)² / n_k ([K,D]; iso [K,1] ÷ D). */
function batchVariances(r: IcuRegInputs, safeCounts: tf.Tensor): tf.Tensor2D {
  const sums = tf.sum<tf.Tensor2D>(tf.mul(r.sq, tf.expandDims(r.mask, 2)), 0);
  if (r.cov === 'diag') return tf.div(sums, safeCounts);
  return tf.div(tf.sum(sums, 1, true), tf.mul(safeCounts, r.x.shape[1]));
}

/**
 * Eq. 14 over the classes present in the batch: Σ_k [λμ‖μ_k − μ̄_k‖² + λσ Σ_j (σ²_kj − σ̄²_kj)²].
 * Counts enter as max(n_k, 1) and the sum is masked by min(n_k, 1), so an absent class adds
 * exactly 0 and its gradient is 0, never 0/0.
 */
function icuRegularizer(r: IcuRegInputs, lambdaMu: number, lambdaSigma: number): tf.Scalar {
  const counts = tf.expandDims(tf.sum(r.mask, 0), 1);
  const safeCounts = tf.maximum(counts, 1);
  const batchMeans = tf.div(tf.matMul(r.mask, r.x, true, false), safeCounts); // Eq. 12 with n_k
  const meanTerm = tf.sum(tf.square(tf.sub(r.means, batchMeans)), 1);
  const varTerm = tf.sum(tf.square(tf.sub(tf.exp(r.logVars), batchVariances(r, safeCounts))), 1);
  const perClass = tf.add(tf.mul(lambdaMu, meanTerm), tf.mul(lambdaSigma, varTerm));
  return tf.sum(tf.mul(tf.squeeze(tf.minimum(counts, 1), [1]), perClass));
}

/** The logVars shape each covariance family requires: [K, D] diag, [K, 1] iso. */
function checkLogVars(p: IcuParams, cov: IcuCov): void {
  const [numClasses, dims] = p.means.shape;
  assertShape(p.logVars, [numClasses, cov === 'diag' ? dims : 1], `icuLoss logVars (cov '${cov}')`);
}

/**
 * ICU training logits (Eq. 17) as [N, K]. Off the true class ℓ = −d (Eq. 9). On it, γ scales Σ_z
 * by (1+γ), adding D·ln(1+γ) to ln|Σ_z| (Eq. 21 in any D); α multiplies all of d ('full') or maha only.
 */
export function icuLogits(x: tf.Tensor2D, z: tf.Tensor1D, p: IcuParams, h: IcuHyper): tf.Tensor2D {
  checkLogVars(p, h.cov ?? 'diag');
  return tf.tidy(() => {
    const [numClasses, dims] = p.means.shape;
    const mask = labelMask(z, numClasses);
    const s = clampLogVars(p.logVars);
    const maha = mahalanobis(squaredDiffs(x, p.means), s);
    const det = tf.add(logDet(s, dims), tf.mul(mask, dims * Math.log1p(h.gamma)));
    const scale = tf.add(1, tf.mul(h.alpha, mask));
    if ((h.marginOn ?? 'full') === 'full') return tf.mul<tf.Tensor2D>(-0.5, tf.mul(scale, tf.add(maha, det)));
    return tf.mul<tf.Tensor2D>(-0.5, tf.add(tf.mul(scale, maha), det));
  });
}

/** ICU loss (Eqs. 8–21): cross-entropy on the Eq. 17 logits plus the Eq. 14 regularizer. */
export function icuLoss(x: tf.Tensor2D, z: tf.Tensor1D, p: IcuParams, h: IcuHyper): LossParts {
  const cov = h.cov ?? 'diag';
  checkLogVars(p, cov);
  return tf.tidy(() => {
    const mask = labelMask(z, p.means.shape[0]);
    const ce = crossEntropy(icuLogits(x, z, p, h), mask);
    const inputs = { x, sq: squaredDiffs(x, p.means), mask, means: p.means, logVars: clampLogVars(p.logVars), cov };
    return lossParts(ce, icuRegularizer(inputs, h.lambdaMu, h.lambdaSigma));
  });
}

/** The ICU head's tensor math; inference is −d (Eq. 9), the α = γ = 0 logit. */
export const icuTf: HeadTf<typeof icu> = {
  definition: icu,
  loss: (x, z, p, h) => icuLoss(x, z, p, h),
  logits: (x, p) => tf.neg(gaussianDistances(x, p.means, p.logVars)),
};
