/** A point or vector in the plane. */
export interface Vec2 {
  x: number;
  y: number;
}

/** A symmetric 2×2 matrix [[xx, xy], [xy, yy]], e.g. a covariance. */
export interface Sym2 {
  xx: number;
  xy: number;
  yy: number;
}

/** Eigen-decomposition of a symmetric 2×2 matrix: eigenvalues major ≥ minor, major axis at `angle`. */
export interface Eigen2 {
  major: number;
  minor: number;
  /** Direction of the major eigenvector, radians counter-clockwise from +x, in (−π/2, π/2]. */
  angle: number;
}

/** Closed-form eigen-decomposition of a symmetric 2×2 matrix (no iteration, exact for diagonal input). */
export function eigenSym2(m: Sym2): Eigen2 {
  const mid = (m.xx + m.yy) / 2;
  const radius = Math.hypot((m.xx - m.yy) / 2, m.xy);
  // tan 2θ = 2xy / (xx − yy); atan2 picks the branch of the larger eigenvalue.
  let angle = Math.atan2(2 * m.xy, m.xx - m.yy) / 2;
  if (angle <= -Math.PI / 2) angle += Math.PI;
  return { major: mid + radius, minor: mid - radius, angle };
}
