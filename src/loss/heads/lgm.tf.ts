import * as tf from '@tensorflow/tfjs';
import { assertShape, crossEntropy, labelMask, lossParts, pickTrue } from '../crossEntropy';
import { clampLogVars, gaussianDistances, logDet, mahalanobis, squaredDiffs } from '../gaussianTerms';
import type { HyperOf } from '../head';
import type { HeadTf, LossParts, TensorParams } from '../head.tf';
import { lgm } from './lgm';

/** L-GM head: means [K,D] and, optionally, diagonal log-variances [K,D]. */
export type LgmParams = TensorParams<typeof lgm>;

/** L-GM margin α and likelihood weight λ. */
export type LgmHyper = Pick<HyperOf<typeof lgm.hyper>, 'alpha' | 'lambda'>;

type LgmTerms = { d: tf.Tensor2D; halfLogDet: tf.Tensor1D };

/** d_ik = ½·maha_ik and the per-class ½·Σ_j s_kj ([K]; 0 with identity covariance). */
function lgmTerms(x: tf.Tensor2D, p: LgmParams): LgmTerms {
  const [numClasses, dims] = p.means.shape;
  const sq = squaredDiffs(x, p.means);
  if (!p.logVars) return { d: tf.mul(0.5, tf.sum(sq, 2)), halfLogDet: tf.zeros([numClasses]) };
  assertShape(p.logVars, [numClasses, dims], 'lgmLoss logVars');
  const s = clampLogVars(p.logVars);
  return { d: tf.mul(0.5, mahalanobis(sq, s)), halfLogDet: tf.mul(0.5, logDet(s, dims)) };
}

/** −(1 + α·[k = z_i])·d_ik − ½·ln|Λ_k|: the margin scales the Mahalanobis part only. */
function logitsFromTerms(t: LgmTerms, mask: tf.Tensor2D, alpha: number): tf.Tensor2D {
  const scale = tf.add(1, tf.mul(alpha, mask));
  return tf.sub<tf.Tensor2D>(tf.neg(tf.mul(scale, t.d)), t.halfLogDet);
}

/** L-GM training logits (Wan et al. 2018) with margin α on the true class, as [N, K]. */
export function lgmLogits(x: tf.Tensor2D, z: tf.Tensor1D, p: LgmParams, h: LgmHyper): tf.Tensor2D {
  return tf.tidy(() => logitsFromTerms(lgmTerms(x, p), labelMask(z, p.means.shape[0]), h.alpha));
}

/** L-GM loss: ce on the margin logits + λ·mean_i (d_{i,z_i} + ½·ln|Λ_{z_i}|). */
export function lgmLoss(x: tf.Tensor2D, z: tf.Tensor1D, p: LgmParams, h: LgmHyper): LossParts {
  return tf.tidy(() => {
    const mask = labelMask(z, p.means.shape[0]);
    const terms = lgmTerms(x, p);
    const nll = pickTrue(tf.add<tf.Tensor2D>(terms.d, terms.halfLogDet), mask);
    const ce = crossEntropy(logitsFromTerms(terms, mask, h.alpha), mask);
    return lossParts(ce, tf.mul(h.lambda, tf.mean(nll)));
  });
}

/** L-GM parameters as the covariance setting wants them: identity drops logVars, diag requires them. */
function paramsFor(p: LgmParams, covariance: HyperOf<typeof lgm.hyper>['covariance']): LgmParams {
  if (covariance === 'identity') return { means: p.means };
  if (!p.logVars) throw new Error("L-GM: covariance 'diag' needs logVars");
  return p;
}

/** The L-GM head's tensor math; inference is −d, the α = 0 logit. */
export const lgmTf: HeadTf<typeof lgm> = {
  definition: lgm,
  loss: (x, z, p, h) => lgmLoss(x, z, paramsFor(p, h.covariance), h),
  logits: (x, p) => tf.neg(gaussianDistances(x, p.means, p.logVars)),
};
