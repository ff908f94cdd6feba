import { DIGIT_CLASSES as CLASSES } from '../data/idx';

/** One head's evaluation on a labelled set. */
export interface ClassEvaluation {
  accuracy: number;
  /** Accuracy of each class (NaN where the class has no digit). */
  perClass: number[];
  /** Confusion counts, row = true class, column = predicted: confusion[10·t + p]. */
  confusion: number[];
}

/** Accuracy, per-class accuracy and the confusion matrix of predictions against labels. */
export function evaluatePredictions(predictions: Uint8Array, labels: Uint8Array): ClassEvaluation {
  const confusion = new Array<number>(CLASSES * CLASSES).fill(0);
  predictions.forEach((p, i) => {
    confusion[CLASSES * labels[i]! + p]! += 1;
  });
  const perClass = Array.from({ length: CLASSES }, (_, t) => {
    const row = confusion.slice(CLASSES * t, CLASSES * (t + 1));
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? Number.NaN : row[t]! / n;
  });
  const right = Array.from({ length: CLASSES }, (_, t) => confusion[CLASSES * t + t]!).reduce((a, b) => a + b, 0);
  return { accuracy: predictions.length ? right / predictions.length : 0, perClass, confusion };
}
