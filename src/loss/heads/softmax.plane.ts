import {
  PLOT_DIMS,
  planeClassCount,
  sampleCrossEntropy,
  sampleSize,
  type PlaneArray,
  type PlaneLossParts,
} from '../plane';

/** A linear layer in the plane: weights [K·2] row-major, optional bias [K]. */
export type LinearPlaneParams = { weights: PlaneArray; bias?: PlaneArray };

/**
 * Mean cross-entropy of the linear logits w_kᵀx + b_k on N points and its gradient w.r.t. the weights and,
 * when given, the bias: softmaxLoss's ce in float64 (center loss's too). `what` names the caller in errors.
 */
export function linearCrossEntropy(
  what: string,
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: LinearPlaneParams,
): { ce: number; grads: { weights: Float64Array; bias?: Float64Array } } {
  const D = PLOT_DIMS;
  const K = planeClassCount(p.weights, `${what} weights`);
  if (p.bias && p.bias.length !== K) throw new Error(`${what} bias: length ${p.bias.length}, expected K = ${K}`);
  const N = sampleSize(what, points, labels, K);
  const gWeights = new Float64Array(K * D);
  const gBias = new Float64Array(K);
  const logits = new Float64Array(K),
    g = new Float64Array(K);
  let ce = 0;
  for (let i = 0; i < N; i++) {
    const x = points[i * D] ?? 0,
      y = points[i * D + 1] ?? 0;
    for (let k = 0; k < K; k++)
      logits[k] = (p.weights[k * D] ?? 0) * x + (p.weights[k * D + 1] ?? 0) * y + (p.bias?.[k] ?? 0);
    ce += sampleCrossEntropy(logits, labels[i] ?? 0, g) / N;
    for (let k = 0; k < K; k++) {
      const gk = (g[k] ?? 0) / N;
      gWeights[k * D] = (gWeights[k * D] ?? 0) + gk * x;
      gWeights[k * D + 1] = (gWeights[k * D + 1] ?? 0) + gk * y;
      gBias[k] = (gBias[k] ?? 0) + gk;
    }
  }
  return { ce, grads: p.bias ? { weights: gWeights, bias: gBias } : { weights: gWeights } };
}

/** Softmax's plane loss (Eq. 1): the linear cross-entropy, reg = 0; a step moves the weights and bias. */
export function softmaxPlaneLoss(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: LinearPlaneParams,
): PlaneLossParts {
  const { ce, grads } = linearCrossEntropy('softmaxPlaneLoss', points, labels, p);
  return { ce, reg: 0, total: ce, grads };
}
