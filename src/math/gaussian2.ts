import { covarianceEllipse, type Ellipse } from './ellipse';
import type { Sym2, Vec2 } from './linalg2';

/** Sample count, mean and covariance of one class's 2-D points. */
export interface Moments2 {
  count: number;
  mean: Vec2;
  /** Maximum-likelihood covariance (divided by n, as the ICU paper's Eq. 13 does). */
  cov: Sym2;
}

/** First pass: per-class counts and means of points xy = [x0, y0, x1, y1, …]; labels ≥ K are skipped. */
function classMeans(xy: Float32Array, labels: Uint8Array, numClasses: number): { counts: number[]; means: Vec2[] } {
  const counts = new Array<number>(numClasses).fill(0);
  const means = counts.map(() => ({ x: 0, y: 0 }));
  labels.forEach((c, i) => {
    const m = means[c];
    if (!m) return;
    counts[c] = (counts[c] ?? 0) + 1;
    m.x += xy[2 * i] ?? 0;
    m.y += xy[2 * i + 1] ?? 0;
  });
  means.forEach((m, c) => {
    const n = counts[c] || 1;
    m.x /= n;
    m.y /= n;
  });
  return { counts, means };
}

/** Second pass: per-class sums of centred products, so features far from the origin do not cancel. */
function centredSums(xy: Float32Array, labels: Uint8Array, means: Vec2[]): Sym2[] {
  const sums = means.map(() => ({ xx: 0, xy: 0, yy: 0 }));
  labels.forEach((c, i) => {
    const m = means[c],
      s = sums[c];
    if (!m || !s) return;
    const dx = (xy[2 * i] ?? 0) - m.x,
      dy = (xy[2 * i + 1] ?? 0) - m.y;
    s.xx += dx * dx;
    s.xy += dx * dy;
    s.yy += dy * dy;
  });
  return sums;
}

/** Each class's empirical moments (float64, two passes), null for a class with no points. */
export function classMoments(xy: Float32Array, labels: Uint8Array, numClasses: number): (Moments2 | null)[] {
  if (xy.length !== 2 * labels.length)
    throw new Error(`classMoments: ${xy.length} coordinates for ${labels.length} labels`);
  const { counts, means } = classMeans(xy, labels, numClasses);
  const sums = centredSums(xy, labels, means);
  return means.map((mean, c) => {
    const n = counts[c] ?? 0,
      s = sums[c];
    if (n === 0 || !s) return null;
    return { count: n, mean, cov: { xx: s.xx / n, xy: s.xy / n, yy: s.yy / n } };
  });
}

/** The k-σ empirical covariance ellipse of each class of a labelled 2-D point set (null if a class is empty). */
export function empiricalEllipses(
  xy: Float32Array,
  labels: Uint8Array,
  numClasses: number,
  k: number,
): (Ellipse | null)[] {
  return classMoments(xy, labels, numClasses).map((m) => (m ? covarianceEllipse(m.mean, m.cov, k) : null));
}
