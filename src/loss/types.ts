import type * as tf from '@tensorflow/tfjs';

/** What every head returns: total = ce + reg, each a scalar (a type alias so tf.tidy can return it). */
export type LossParts = {
  total: tf.Scalar;
  ce: tf.Scalar;
  reg: tf.Scalar;
};

/** Softmax head: one weight row per class (logits x·Wᵀ + b). */
export type SoftmaxParams = { weights: tf.Tensor2D; bias?: tf.Tensor1D };

/** Center-loss head: the softmax layer plus one center per class. */
export type CenterParams = SoftmaxParams & { centers: tf.Tensor2D };

/** Center-loss weight λ on L_C. */
export type CenterHyper = { lambda: number };

/** L-Softmax head: weights only, no bias. */
export type LSoftmaxParams = { weights: tf.Tensor2D };

/** L-Softmax margin m (Chebyshev degree) and annealing weight β. */
export type LSoftmaxHyper = { m: 1 | 2 | 3 | 4; beta: number };

/** L-GM head: means [K,D] and, optionally, diagonal log-variances [K,D]. */
export type LgmParams = { means: tf.Tensor2D; logVars?: tf.Tensor2D };

/** L-GM margin α and likelihood weight λ. */
export type LgmHyper = { alpha: number; lambda: number };

/** ICU head: means [K,D] and log-variances s = ln σ² ([K,D] diag, [K,1] iso). */
export type IcuParams = { means: tf.Tensor2D; logVars: tf.Tensor2D };

/** ICU covariance family. */
export type IcuCov = 'diag' | 'iso';

/** Where ICU's inter-class margin α acts: on the whole of d (Eq. 17) or on the Mahalanobis part only. */
export type IcuMarginOn = 'full' | 'mahalanobis';

/** ICU hyper-parameters (paper defaults α 1e-4, γ 1e-3, λμ = λσ = 0.1). */
export type IcuHyper = {
  alpha: number;
  gamma: number;
  lambdaMu: number;
  lambdaSigma: number;
  cov?: IcuCov;
  marginOn?: IcuMarginOn;
};
