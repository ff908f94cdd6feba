import * as tf from '@tensorflow/tfjs';
import { assertShape, crossEntropy, labelMask, lossParts } from './crossEntropy';
import { clampLogVars, logDet, mahalanobis, squaredDiffs } from './gaussianTerms';
import { icuRegularizer } from './icuRegularizer';
import type { IcuCov, IcuHyper, IcuParams, LossParts } from './types';

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
