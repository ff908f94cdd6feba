import {
  classMeans,
  clampedLogVars,
  PLOT_DIMS,
  planeClassCount,
  sampleCrossEntropy,
  sampleSize,
  type PlaneArray,
  type PlaneLossParts,
} from '../plane';

/** L-GM's plane parameters: means [K·2] and, for covariance 'diag', log-variances [K·2]. */
export type LgmPlaneParams = { means: PlaneArray; logVars?: PlaneArray };

/** L-GM's settings, spelled out: deriving them from `lgm` would make its definition refer to itself. */
export type LgmPlaneHyper = { alpha: number; lambda: number; covariance: 'identity' | 'diag' };

/**
 * L-GM (Wan et al. 2018) on N points, as lgmLoss computes it: cross-entropy on the logits
 * −(1 + α·[k = z_i])·d_ik − ½·Σ_j s_kj with d_ik = ½·Σ_j (x_ij − μ_kj)²·e^{−s_kj} (the margin on the Mahalanobis
 * part only), plus the likelihood term λ·mean_i (d_{i,z_i} + ½·Σ_j s_{z_i j}); the gradient w.r.t. the means and
 * log-variances. Identity covariance is s = 0: log-variances given anyway get a zero gradient (the loss ignores them).
 */
export function lgmPlaneLoss(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: LgmPlaneParams,
  h: LgmPlaneHyper,
): PlaneLossParts {
  const D = PLOT_DIMS;
  const K = planeClassCount(p.means, 'lgmPlaneLoss means');
  const N = sampleSize('lgmPlaneLoss', points, labels, K);
  const diag = h.covariance === 'diag';
  if (diag && p.logVars?.length !== K * D) {
    throw new Error(
      `lgmPlaneLoss logVars (covariance 'diag'): length ${p.logVars?.length ?? 'absent'}, expected ${K * D}`,
    );
  }
  const { s, passes } = clampedLogVars(diag && p.logVars ? p.logVars : new Float64Array(K * D));
  const halfLogDet = Float64Array.from({ length: K }, (_, k) => ((s[k * D] ?? 0) + (s[k * D + 1] ?? 0)) / 2);
  const gMeans = new Float64Array(K * D),
    gLogVars = new Float64Array(K * D);
  const rMeans = new Float64Array(K * D),
    rLogVars = new Float64Array(K * D);
  const logits = new Float64Array(K),
    g = new Float64Array(K);
  let ce = 0,
    reg = 0;
  const diff = (i: number, k: number, j: number) => (points[i * D + j] ?? 0) - (p.means[k * D + j] ?? 0);
  const precision = (k: number, j: number) => Math.exp(-(s[k * D + j] ?? 0));
  for (let i = 0; i < N; i++) {
    const z = labels[i] ?? 0;
    for (let k = 0; k < K; k++) {
      let d = 0;
      for (let j = 0; j < D; j++) d += 0.5 * diff(i, k, j) ** 2 * precision(k, j);
      logits[k] = -(k === z ? 1 + h.alpha : 1) * d - (halfLogDet[k] ?? 0);
      if (k === z) reg += (h.lambda * (d + (halfLogDet[k] ?? 0))) / N;
    }
    ce += sampleCrossEntropy(logits, z, g) / N;
    for (let k = 0; k < K; k++) {
      // ∂ℓ_ik/∂μ_kj = a·(x_ij − μ_kj)·e^{−s_kj}, ∂ℓ_ik/∂s_kj = ½·a·(x_ij − μ_kj)²·e^{−s_kj} − ½, a = 1 + α·[k = z_i].
      const gk = (g[k] ?? 0) / N,
        a = k === z ? 1 + h.alpha : 1;
      for (let j = 0; j < D; j++) {
        const t = diff(i, k, j) * precision(k, j);
        gMeans[k * D + j] = (gMeans[k * D + j] ?? 0) + gk * a * t;
        gLogVars[k * D + j] = (gLogVars[k * D + j] ?? 0) + gk * (0.5 * a * t * diff(i, k, j) - 0.5);
      }
    }
    for (let j = 0; j < D; j++) {
      const t = diff(i, z, j) * precision(z, j);
      rMeans[z * D + j] = (rMeans[z * D + j] ?? 0) - (h.lambda * t) / N;
      rLogVars[z * D + j] = (rLogVars[z * D + j] ?? 0) + (h.lambda * (0.5 - 0.5 * t * diff(i, z, j))) / N;
    }
  }
  for (let i = 0; i < K * D; i++) {
    gMeans[i] = (gMeans[i] ?? 0) + (rMeans[i] ?? 0);
    // clipByValue passes the gradient only inside the clamp's range.
    if (!passes[i]) rLogVars[i] = 0;
    gLogVars[i] = passes[i] ? (gLogVars[i] ?? 0) + (rLogVars[i] ?? 0) : 0;
  }
  const grads: Record<string, Float64Array> = { means: gMeans };
  if (p.logVars) grads.logVars = diag ? gLogVars : new Float64Array(p.logVars.length);
  return {
    ce,
    reg,
    total: ce + reg,
    grads,
    batchMeans: classMeans(points, labels, K).means,
    regGrads: diag ? { means: rMeans, logVars: rLogVars } : { means: rMeans },
  };
}
