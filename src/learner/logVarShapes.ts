/**
 * Carries log-variances across a covariance-mode change so training goes on
 * from the same Gaussians as nearly as the new mode allows:
 * diag [K, D] → iso [K, 1]: the mean log-variance (the geometric mean of the variances);
 * iso → diag: each class's one value repeated; none (identity) → any: zeros (σ² = 1,
 * exactly the identity); any → none: dropped.
 */
export function convertLogVars(
  values: Float32Array | null,
  from: number[] | null,
  to: number[] | null,
): Float32Array | null {
  if (!to) return null;
  const [k, d] = [to[0]!, to[1]!];
  const out = new Float32Array(k * d);
  if (!values || !from) return out;
  const fromD = from[1]!;
  for (let c = 0; c < k; c++) {
    let mean = 0;
    for (let j = 0; j < fromD; j++) mean += values[c * fromD + j]!;
    mean /= fromD;
    for (let j = 0; j < d; j++) out[c * d + j] = fromD === d ? values[c * fromD + j]! : mean;
  }
  return out;
}
