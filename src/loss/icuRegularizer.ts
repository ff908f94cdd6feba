import * as tf from '@tensorflow/tfjs';
import type { IcuCov } from './types';

/** What the ICU regularizer needs: features, (x − μ)², labels mask, clamped log-variances. */
export interface IcuRegInputs {
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
export function icuRegularizer(r: IcuRegInputs, lambdaMu: number, lambdaSigma: number): tf.Scalar {
  const counts = tf.expandDims(tf.sum(r.mask, 0), 1);
  const safeCounts = tf.maximum(counts, 1);
  const batchMeans = tf.div(tf.matMul(r.mask, r.x, true, false), safeCounts); // Eq. 12 with n_k
  const meanTerm = tf.sum(tf.square(tf.sub(r.means, batchMeans)), 1);
  const varTerm = tf.sum(tf.square(tf.sub(tf.exp(r.logVars), batchVariances(r, safeCounts))), 1);
  const perClass = tf.add(tf.mul(lambdaMu, meanTerm), tf.mul(lambdaSigma, varTerm));
  return tf.sum(tf.mul(tf.squeeze(tf.minimum(counts, 1), [1]), perClass));
}
