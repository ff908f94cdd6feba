import { classMoments } from '../math/gaussian2';
import type { MarginReading } from './head';
import { planeGaussians } from './plane';

/** One class's learned Gaussian against the features actually drawn. */
export interface ClassDiagnostics {
  count: number;
  /** Learned variances (σx², σy²) and the empirical ones of the drawn features, and their ratio learned/empirical. */
  learnedVar: [number, number];
  empiricalVar: [number, number];
  ratio: [number, number];
  /** Correlation of the drawn features: a tilt a diagonal covariance cannot follow. */
  correlation: number;
}

/** What the paper leaves out about a Gaussian head, measured on a labelled sample of features. */
export interface GaussianDiagnostics {
  /** Share of samples whose true-class distance d = ½(maha + ln|Σ|) is negative (Eq. 9). */
  negativeShare: number;
  /** Share of samples whose true logit α *raises* (the margin acting as slack), and α's mean change of the true logit. */
  slackShare: number;
  meanAlphaShift: number;
  classes: (ClassDiagnostics | null)[];
}

/**
 * Diagnostics of a Gaussian head (L-GM or ICU) on features xy with labels.
 * α's change of the true logit: 'full': −α·(d + (D/2)·ln(1+γ)), positive whenever that is
 * negative; 'mahalanobis': −α·maha/2, never positive.
 */
export function gaussianDiagnostics(
  params: { means: Float32Array; logVars?: Float32Array },
  margin: MarginReading,
  xy: Float32Array,
  labels: Uint8Array,
): GaussianDiagnostics {
  const g = planeGaussians(params);
  let negative = 0,
    slack = 0,
    shift = 0;
  labels.forEach((z, i) => {
    const c = g[z];
    if (!c) return;
    const maha = (xy[2 * i]! - c.mx) ** 2 * c.ivx + (xy[2 * i + 1]! - c.my) ** 2 * c.ivy;
    const d = 0.5 * maha + c.halfLogDet;
    const delta = margin.on === 'full' ? -margin.alpha * (d + Math.log1p(margin.gamma)) : -margin.alpha * 0.5 * maha;
    if (d < 0) negative += 1;
    if (delta > 0) slack += 1;
    shift += delta;
  });
  const n = labels.length || 1;
  return {
    negativeShare: negative / n,
    slackShare: slack / n,
    meanAlphaShift: shift / n,
    classes: classDiagnostics(g, xy, labels),
  };
}

function classDiagnostics(
  g: ReturnType<typeof planeGaussians>,
  xy: Float32Array,
  labels: Uint8Array,
): (ClassDiagnostics | null)[] {
  return classMoments(xy, labels, g.length).map((m, k) => {
    const c = g[k];
    if (!m || !c) return null;
    const empiricalVar: [number, number] = [m.cov.xx, m.cov.yy];
    const learnedVar: [number, number] = [c.vx, c.vy];
    const correlation = m.cov.xy / Math.sqrt(m.cov.xx * m.cov.yy || 1);
    return {
      count: m.count,
      learnedVar,
      empiricalVar,
      ratio: [c.vx / (m.cov.xx || NaN), c.vy / (m.cov.yy || NaN)],
      correlation,
    };
  });
}
