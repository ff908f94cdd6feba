import { appendCapped } from '../store/history';
import { evaluatePredictions } from '../train/evaluation';
import type { Frame } from '../trainer/shared/protocol';

/** One frame's accuracy on its drawn training sample, per head. */
export interface SamplePoint { step: number; heads: number[] }

/** Share of a sample's predictions that equal its labels (NaN for an empty sample). */
export function sampleAccuracy(predictions: Uint8Array, labels: Uint8Array): number {
  return labels.length ? evaluatePredictions(predictions, labels).accuracy : Number.NaN;
}

/**
 * The curve extended by a frame's training-sample accuracies (kept short by appendCapped).
 * A frame of an earlier step than the last point means a new run: the curve starts again.
 */
export function extendSampleCurve(curve: readonly SamplePoint[], frame: Frame): SamplePoint[] {
  const point = { step: frame.step, heads: frame.heads.map((h) => sampleAccuracy(h.train.predictions, h.train.labels)) };
  const last = curve[curve.length - 1];
  if (last && frame.step < last.step) return [point];
  if (last && frame.step === last.step) return [...curve.slice(0, -1), point];
  return appendCapped(curve, point);
}
