import { classMeans, PLOT_DIMS, planeClassCount, type PlaneArray, type PlaneLossParts } from '../plane';
import { linearCrossEntropy, type LinearPlaneParams } from './softmax.plane';

/** Center loss's plane parameters: the softmax layer and the centers [K·2]. */
export type CenterPlaneParams = LinearPlaneParams & { centers: PlaneArray };

/**
 * Center loss (Eq. 3) on N points: softmax's ce plus λ·Σ_i ‖x_i − c_{z_i}‖² / (2N), with the gradient w.r.t.
 * weights, bias and centers. Training moves the centers by Wen et al.'s rule, not by this gradient; the sandbox
 * steps them along the gradient of the center term, λ·n_k/N·(c_k − μ̄_k): the same direction as the rule (toward
 * the class's batch mean μ̄_k), a length set by the step's lr instead of the rule's α·n_k/(1 + n_k).
 */
export function centerPlaneLoss(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: CenterPlaneParams,
  h: { lambda: number },
): PlaneLossParts {
  const D = PLOT_DIMS;
  const { ce, grads } = linearCrossEntropy('centerPlaneLoss', points, labels, p);
  const K = grads.weights.length / D;
  if (planeClassCount(p.centers, 'centerPlaneLoss centers') !== K) {
    throw new Error(`centerPlaneLoss centers: length ${p.centers.length}, expected K·2 = ${K * D} like the weights`);
  }
  const N = labels.length;
  const gCenters = new Float64Array(K * D);
  let reg = 0;
  for (let i = 0; i < N; i++) {
    const z = labels[i] ?? 0;
    for (let j = 0; j < D; j++) {
      const diff = (points[i * D + j] ?? 0) - (p.centers[z * D + j] ?? 0);
      reg += (h.lambda * diff * diff) / (2 * N);
      gCenters[z * D + j] = (gCenters[z * D + j] ?? 0) - (h.lambda * diff) / N;
    }
  }
  return {
    ce,
    reg,
    total: ce + reg,
    grads: { ...grads, centers: gCenters },
    batchMeans: classMeans(points, labels, K).means,
    regGrads: { centers: gCenters.slice() },
  };
}
