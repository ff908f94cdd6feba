import { lSoftmaxBeta, type BetaScheduleKind } from '../betaSchedule';
import { NORM_EPS } from '../guards';
import {
  PLOT_DIMS,
  planeClassCount,
  sampleCrossEntropy,
  sampleSize,
  type PlaneArray,
  type PlaneLossParts,
} from '../plane';

/** L-Softmax's settings, spelled out: deriving them from `lsoftmax` would make its definition refer to itself. */
export type LSoftmaxPlaneHyper = { m: 1 | 2 | 3 | 4; betaMin: number; schedule: BetaScheduleKind; runLength: number };

/**
 * The sandbox has no training step, so it takes β where the run ends (iteration = runLength): the margin that
 * shaped the final features ('scaled': ≈ 0.003, 'reference': still 136 after 2,345 steps, 'constant': β_min).
 */
export function lSoftmaxPlaneBeta(h: LSoftmaxPlaneHyper): number {
  return lSoftmaxBeta(h.runLength, { kind: h.schedule, betaMin: h.betaMin, runLength: h.runLength });
}

/** T_m(c) = cos(m·θ) for c = cos θ, and its derivative dT_m/dc. */
function chebyshev(c: number, m: LSoftmaxPlaneHyper['m']): [number, number] {
  switch (m) {
    case 1:
      return [c, 1];
    case 2:
      return [2 * c * c - 1, 4 * c];
    case 3:
      return [c * (4 * c * c - 3), 12 * c * c - 3];
    case 4:
      return [8 * c * c * (c * c - 1) + 1, 32 * c * c * c - 16 * c];
  }
}

/** ψ(θ) = (−1)^k·T_m(cos θ) − 2k with k = #{j in 1..m−1 : cos θ < cos(jπ/m)}, and dψ/d(cos θ) (k is a constant). */
function psi(c: number, m: LSoftmaxPlaneHyper['m']): [number, number] {
  let k = 0;
  for (let j = 1; j < m; j++) if (c < Math.cos((j * Math.PI) / m)) k++;
  const sign = k % 2 === 0 ? 1 : -1;
  const [t, dt] = chebyshev(c, m);
  return [sign * t - 2 * k, sign * dt];
}

/**
 * L-Softmax (Liu et al. 2016) on N points, as lSoftmaxLoss computes it with β = lSoftmaxPlaneBeta(h): the target
 * logit f = (β·w_zᵀx + ‖w_z‖‖x‖·ψ(θ)) / (1 + β) (ε inside the norms, cos θ clipped to [−1, 1]), the others w_kᵀx,
 * no bias, reg = 0; the gradient w.r.t. the weights.
 */
export function lSoftmaxPlaneLoss(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: { weights: PlaneArray },
  h: LSoftmaxPlaneHyper,
): PlaneLossParts<'weights'> {
  const D = PLOT_DIMS;
  const K = planeClassCount(p.weights, 'lSoftmaxPlaneLoss weights');
  const N = sampleSize('lSoftmaxPlaneLoss', points, labels, K);
  const beta = lSoftmaxPlaneBeta(h);
  const gWeights = new Float64Array(K * D);
  const logits = new Float64Array(K),
    g = new Float64Array(K);
  let ce = 0;
  for (let i = 0; i < N; i++) {
    const x = points[i * D] ?? 0,
      y = points[i * D + 1] ?? 0,
      z = labels[i] ?? 0;
    for (let k = 0; k < K; k++) logits[k] = (p.weights[k * D] ?? 0) * x + (p.weights[k * D + 1] ?? 0) * y;
    const wx = p.weights[z * D] ?? 0,
      wy = p.weights[z * D + 1] ?? 0;
    const plain = logits[z] ?? 0;
    const normW = Math.sqrt(wx * wx + wy * wy + NORM_EPS),
      normX = Math.sqrt(x * x + y * y + NORM_EPS);
    const normProduct = normW * normX;
    const raw = plain / normProduct;
    const cos = Math.min(1, Math.max(-1, raw));
    const [value, slope] = psi(cos, h.m);
    logits[z] = (beta * plain + normProduct * value) / (1 + beta);
    ce += sampleCrossEntropy(logits, z, g) / N;
    for (let k = 0; k < K; k++) {
      if (k === z) continue;
      const gk = (g[k] ?? 0) / N;
      gWeights[k * D] = (gWeights[k * D] ?? 0) + gk * x;
      gWeights[k * D + 1] = (gWeights[k * D + 1] ?? 0) + gk * y;
    }
    // ∂f/∂w_z = (β·x + ψ·∂(‖w‖‖x‖)/∂w + ‖w‖‖x‖·ψ'·∂cos/∂w) / (1 + β), with ∂(‖w‖‖x‖)/∂w = ‖x‖·w/‖w‖,
    // ∂cos/∂w = x/(‖w‖‖x‖) − cos·w/‖w‖² inside the clip and 0 outside it (clipByValue's gradient).
    const inside = raw >= -1 && raw <= 1;
    const gz = (g[z] ?? 0) / N / (1 + beta);
    const dCos = (xj: number, wj: number) => (inside ? xj / normProduct - (cos * wj) / (normW * normW) : 0);
    const df = (xj: number, wj: number) =>
      beta * xj + (value * normX * wj) / normW + normProduct * slope * dCos(xj, wj);
    gWeights[z * D] = (gWeights[z * D] ?? 0) + gz * df(x, wx);
    gWeights[z * D + 1] = (gWeights[z * D + 1] ?? 0) + gz * df(y, wy);
  }
  return { ce, reg: 0, total: ce, grads: { weights: gWeights } };
}
