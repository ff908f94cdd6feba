import { appendCapped } from './history';
import { evaluatePredictions } from '../math/evaluation';
import type { Frame } from '../trainer/shared/protocol';
import type { SamplePoint, SampleScore } from '../trainer/shared/runFile';
import type { SplitName } from '../data/mnist';

/** Share of a sample's predictions that equal its labels (NaN for an empty sample). */
export function sampleAccuracy(predictions: Uint8Array, labels: Uint8Array): number {
  return labels.length ? evaluatePredictions(predictions, labels).accuracy : Number.NaN;
}

/** A frame's accuracies on its drawn samples: every head draws the same digits, so one count serves all. */
export function samplePoint(frame: Frame): SamplePoint {
  const score = (sample: SplitName): SampleScore => ({
    digits: frame.heads[0]?.[sample].labels.length ?? 0,
    heads: frame.heads.map((h) => sampleAccuracy(h[sample].predictions, h[sample].labels)),
  });
  return { step: frame.step, train: score('train'), test: score('test') };
}

/**
 * The curve extended by a frame's sample accuracies (kept short by appendCapped).
 * A point of an earlier step than the last means a new run: the curve starts again.
 */
export function extendSampleCurve(curve: readonly SamplePoint[], point: SamplePoint): SamplePoint[] {
  const last = curve[curve.length - 1];
  if (last && point.step < last.step) return [point];
  if (last && point.step === last.step) return [...curve.slice(0, -1), point];
  return appendCapped(curve, point);
}
