import { eigenSym2, type Sym2, type Vec2 } from './linalg2';

/** An ellipse in data space: centre, semi-axes rx ≥ ry, rx along `angle` (radians from +x, counter-clockwise). */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
}

/**
 * The k-σ contour of a Gaussian with this mean and covariance: semi-axes k·sqrt(eigenvalue), the
 * major one along the leading eigenvector. Eigenvalues below 0 (rounding) count as 0.
 */
export function covarianceEllipse(mean: Vec2, cov: Sym2, k: number): Ellipse {
  const e = eigenSym2(cov);
  return {
    cx: mean.x,
    cy: mean.y,
    rx: k * Math.sqrt(Math.max(0, e.major)),
    ry: k * Math.sqrt(Math.max(0, e.minor)),
    angle: e.angle,
  };
}
