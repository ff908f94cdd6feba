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

/** ICU's plane parameters: means [K·2] and log-variances [K·2] (diag) or [K] (iso), row-major. */
export type IcuPlaneParams = { means: PlaneArray; logVars: PlaneArray };

/** ICU's settings, spelled out: deriving them from `icu` would make its definition refer to itself. */
export type IcuPlaneHyper = {
  alpha: number;
  gamma: number;
  lambdaMu: number;
  lambdaSigma: number;
  cov: 'diag' | 'iso';
  marginOn: 'full' | 'mahalanobis';
};

/** Loss parts and their gradients w.r.t. the parameters (not the points), float64 throughout. */
export interface IcuPlaneResult extends PlaneLossParts<'means' | 'logVars'> {
  /** Eq. 12's batch mean μ̄_k per class ([K·2]; NaN for a class absent from the batch): the arrows' targets. */
  batchMeans: Float64Array;
  /** The reg part's gradient alone (Eq. 14), for the "regularizer's pull" arrows. */
  regGrads: { means: Float64Array; logVars: Float64Array };
}

/**
 * ICU's loss (Eq. 17 cross-entropy + Eq. 14 regularizer) on N points in the plane, with its analytic
 * gradient: the same numbers icuLoss computes in tfjs, in plain float64.
 */
export function icuPlaneLoss(
  points: ArrayLike<number>,
  labels: ArrayLike<number>,
  p: IcuPlaneParams,
  h: IcuPlaneHyper,
): IcuPlaneResult {
  const D = PLOT_DIMS;
  const K = planeClassCount(p.means, 'icuPlaneLoss means');
  const sPerClass = h.cov === 'diag' ? D : 1;
  if (p.logVars.length !== K * sPerClass) {
    throw new Error(`icuPlaneLoss logVars (cov '${h.cov}'): length ${p.logVars.length}, expected ${K * sPerClass}`);
  }
  const N = sampleSize('icuPlaneLoss', points, labels, K);
  const gMeans = new Float64Array(K * D);
  const gLogVars = new Float64Array(K * sPerClass);
  const { s, passes } = clampedLogVars(p.logVars);
  const sIndex = (k: number, j: number) => (h.cov === 'diag' ? k * D + j : k);
  const logVar = (k: number, j: number) => s[sIndex(k, j)] ?? 0;
  const scaleTrue = 1 + h.alpha;
  const detTrue = h.marginOn === 'full' ? scaleTrue : 1;
  const logits = new Float64Array(K),
    g = new Float64Array(K);
  let ce = 0;
  for (let i = 0; i < N; i++) {
    const z = labels[i] ?? 0;
    for (let k = 0; k < K; k++) {
      let maha = 0,
        det = 0;
      for (let j = 0; j < D; j++) {
        const t = logVar(k, j);
        maha += ((points[i * D + j] ?? 0) - (p.means[k * D + j] ?? 0)) ** 2 * Math.exp(-t);
        det += t;
      }
      if (k === z) det += D * Math.log1p(h.gamma);
      logits[k] = k === z ? -0.5 * (scaleTrue * maha + detTrue * det) : -0.5 * (maha + det);
    }
    ce += sampleCrossEntropy(logits, z, g) / N;
    // ∂ce/∂logit_k = (softmax_k − [k = z]) / N, then through Eq. 17's logit.
    for (let k = 0; k < K; k++) {
      const gk = (g[k] ?? 0) / N;
      const a = k === z ? scaleTrue : 1,
        b = k === z ? detTrue : 1;
      for (let j = 0; j < D; j++) {
        const t = logVar(k, j);
        const diff = (points[i * D + j] ?? 0) - (p.means[k * D + j] ?? 0);
        gMeans[k * D + j] = (gMeans[k * D + j] ?? 0) + gk * a * diff * Math.exp(-t);
        const si = sIndex(k, j);
        gLogVars[si] = (gLogVars[si] ?? 0) + gk * -0.5 * (-a * diff * diff * Math.exp(-t) + b);
      }
    }
  }
  // Eq. 14 over the classes present: λμ‖μ_k − μ̄_k‖² + λσ Σ (σ²_k − σ̄²_k)², σ̄² centred on μ_k (Eq. 13).
  const rMeans = new Float64Array(K * D);
  const rLogVars = new Float64Array(K * sPerClass);
  const { means: batchMeans, counts } = classMeans(points, labels, K);
  let reg = 0;
  for (let k = 0; k < K; k++) {
    const n = counts[k] ?? 0;
    if (n === 0) continue;
    const sumSq = new Float64Array(D);
    for (let i = 0; i < N; i++) {
      if (labels[i] !== k) continue;
      for (let j = 0; j < D; j++)
        sumSq[j] = (sumSq[j] ?? 0) + ((points[i * D + j] ?? 0) - (p.means[k * D + j] ?? 0)) ** 2;
    }
    const isoVar = h.cov === 'iso' ? sumSq.reduce((a, b) => a + b, 0) / (n * D) : 0;
    for (let j = 0; j < D; j++) {
      const mu = p.means[k * D + j] ?? 0;
      const mBar = batchMeans[k * D + j] ?? 0;
      reg += h.lambdaMu * (mu - mBar) ** 2;
      rMeans[k * D + j] = (rMeans[k * D + j] ?? 0) + 2 * h.lambdaMu * (mu - mBar);
      const v = Math.exp(logVar(k, j));
      const vBar = h.cov === 'diag' ? (sumSq[j] ?? 0) / n : isoVar;
      if (h.cov === 'diag' || j === 0) {
        reg += h.lambdaSigma * (v - vBar) ** 2;
        const si = sIndex(k, j);
        rLogVars[si] = (rLogVars[si] ?? 0) + 2 * h.lambdaSigma * (v - vBar) * v;
      }
      // σ̄² depends on μ_k too: ∂σ̄²_kj/∂μ_kj = −2(μ̄_kj − μ_kj) (÷ D for iso).
      const dVbar = (-2 * (mBar - mu)) / (h.cov === 'diag' ? 1 : D);
      rMeans[k * D + j] = (rMeans[k * D + j] ?? 0) - 2 * h.lambdaSigma * (v - vBar) * dVbar;
    }
  }
  for (let i = 0; i < gMeans.length; i++) gMeans[i] = (gMeans[i] ?? 0) + (rMeans[i] ?? 0);
  for (let i = 0; i < gLogVars.length; i++) {
    if (!passes[i]) rLogVars[i] = gLogVars[i] = 0;
    else gLogVars[i] = (gLogVars[i] ?? 0) + (rLogVars[i] ?? 0);
  }
  return {
    ce,
    reg,
    total: ce + reg,
    grads: { means: gMeans, logVars: gLogVars },
    batchMeans,
    regGrads: { means: rMeans, logVars: rLogVars },
  };
}
