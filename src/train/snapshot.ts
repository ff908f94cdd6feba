/** One learner's state: every value by name (backbone, BN statistics, `head.`-prefixed head), its hyper-parameters and the optimizer's moments. */
export interface LearnerSnapshot {
  values: Record<string, Float32Array>;
  hyper: Record<string, number | string>;
  optimizer: { t: number; m: Float32Array[]; v: Float32Array[] };
}
