import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from './evaluation';

describe('evaluatePredictions', () => {
  it('counts accuracy, per-class accuracy and confusion by hand', () => {
    const labels = Uint8Array.from([0, 0, 1, 1, 1, 2]);
    const preds = Uint8Array.from([0, 1, 1, 1, 0, 2]);
    const e = evaluatePredictions(preds, labels);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    expect(e.perClass.slice(0, 3)).toEqual([0.5, 2 / 3, 1]);
    expect(Number.isNaN(e.perClass[3])).toBe(true);
    expect(e.confusion[0 * 10 + 1]).toBe(1);
    expect(e.confusion[1 * 10 + 0]).toBe(1);
    expect(e.confusion[1 * 10 + 1]).toBe(2);
    expect(e.confusion.reduce((a, b) => a + b, 0)).toBe(6);
  });
});
