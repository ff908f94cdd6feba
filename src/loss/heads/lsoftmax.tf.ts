import * as tf from '@tensorflow/tfjs';
import { lSoftmaxBeta } from '../betaSchedule';
import { crossEntropy, labelMask, lossParts, pickTrue } from '../crossEntropy';
import { NORM_EPS } from '../guards';
import type { HyperOf } from '../head';
import type { HeadTf, LossParts, TensorParams } from '../head.tf';
import { lsoftmax } from './lsoftmax';
import { linearLogits } from './softmax.tf';

/** L-Softmax head: weights only, no bias. */
export type LSoftmaxParams = TensorParams<typeof lsoftmax>;

/** L-Softmax margin m (Chebyshev degree) and the annealing weight β of this step. */
export type LSoftmaxHyper = { m: HyperOf<typeof lsoftmax.hyper>['m']; beta: number };

/** Chebyshev polynomials T_m(c) = cos(m·θ) for c = cos θ. */
function chebyshev(c: tf.Tensor1D, m: LSoftmaxHyper['m']): tf.Tensor1D {
  const c2 = tf.square(c);
  switch (m) {
    case 1:
      return c;
    case 2:
      return tf.sub(tf.mul(2, c2), 1);
    case 3:
      return tf.mul(c, tf.sub(tf.mul(4, c2), 3));
    case 4:
      return tf.add(tf.mul(8, tf.mul(c2, tf.sub(c2, 1))), 1);
  }
}

/** k = #{j in 1..m−1 : cos θ < cos(jπ/m)}, i.e. θ ∈ [kπ/m, (k+1)π/m]; `step` has a zero gradient, `less` none. */
function angleSector(c: tf.Tensor1D, m: number): tf.Tensor1D {
  let k: tf.Tensor1D = tf.zerosLike(c);
  for (let j = 1; j < m; j++) k = tf.add(k, tf.step(tf.sub(Math.cos((j * Math.PI) / m), c)));
  return k;
}

/** ψ(θ) = (−1)^k·T_m(cos θ) − 2k: monotone in θ, equal to cos(mθ) on [0, π/m]. */
function psi(c: tf.Tensor1D, m: LSoftmaxHyper['m']): tf.Tensor1D {
  const k = angleSector(c, m);
  const sign = tf.sub(1, tf.mul(2, tf.mod(k, 2)));
  return tf.sub<tf.Tensor1D>(tf.mul(sign, chebyshev(c, m)), tf.mul(2, k));
}

/** ‖v‖ per row with ε inside the root, as [N]. */
function rowNorm(v: tf.Tensor2D): tf.Tensor1D {
  return tf.sqrt(tf.add<tf.Tensor1D>(tf.sum(tf.square(v), 1), NORM_EPS));
}

/** f = (β·‖w_z‖‖x‖cos θ + ‖w_z‖‖x‖ψ(θ)) / (1 + β), where ‖w_z‖‖x‖cos θ is just w_zᵀx. */
function targetLogit(x: tf.Tensor2D, ownWeights: tf.Tensor2D, plain: tf.Tensor1D, h: LSoftmaxHyper): tf.Tensor1D {
  const normProduct = tf.mul<tf.Tensor1D>(rowNorm(ownWeights), rowNorm(x));
  const cos = tf.clipByValue(tf.div<tf.Tensor1D>(plain, normProduct), -1, 1);
  const margin = tf.mul(normProduct, psi(cos, h.m));
  return tf.div(tf.add(tf.mul(h.beta, plain), margin), 1 + h.beta);
}

/** L-Softmax (Liu et al. 2016) training logits as [N, K]: the margin target f above, others w_kᵀx, no bias. */
export function lSoftmaxLogits(x: tf.Tensor2D, z: tf.Tensor1D, p: LSoftmaxParams, h: LSoftmaxHyper): tf.Tensor2D {
  return tf.tidy(() => {
    const mask = labelMask(z, p.weights.shape[0]);
    const logits: tf.Tensor2D = tf.matMul(x, p.weights, false, true);
    const plain = pickTrue(logits, mask);
    const target = targetLogit(x, tf.matMul(mask, p.weights), plain, h);
    const others = tf.mul(logits, tf.sub(1, mask));
    return tf.add<tf.Tensor2D>(others, tf.mul(mask, tf.expandDims(target, 1)));
  });
}

/** L-Softmax loss: ce on lSoftmaxLogits; reg = 0. */
export function lSoftmaxLoss(x: tf.Tensor2D, z: tf.Tensor1D, p: LSoftmaxParams, h: LSoftmaxHyper): LossParts {
  return tf.tidy(() => {
    const mask = labelMask(z, p.weights.shape[0]);
    return lossParts(crossEntropy(lSoftmaxLogits(x, z, p, h), mask), tf.scalar(0));
  });
}

/** The L-Softmax head's tensor math; β follows the schedule at each step, and inference is plain w_kᵀx (m = 1). */
export const lSoftmaxTf: HeadTf<typeof lsoftmax> = {
  definition: lsoftmax,
  loss: (x, z, p, h, iteration) => {
    const beta = lSoftmaxBeta(iteration, { kind: h.schedule, betaMin: h.betaMin, runLength: h.runLength });
    return lSoftmaxLoss(x, z, p, { m: h.m, beta });
  },
  logits: (x, p) => linearLogits(x, p.weights),
};
