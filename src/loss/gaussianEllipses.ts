import { covarianceEllipse, type Ellipse } from '../math/ellipse';
import type { GaussianHeadId, HeadArrays } from './heads';
import { planeGaussians } from './plane';

/** Each class's k-σ ellipse (centre μ_k, semi-axes k·σ) for an L-GM or ICU head. */
export function gaussianEllipses(params: HeadArrays[GaussianHeadId], k: number): Ellipse[] {
  return planeGaussians(params).map((g) => covarianceEllipse({ x: g.mx, y: g.my }, { xx: g.vx, xy: 0, yy: g.vy }, k));
}
