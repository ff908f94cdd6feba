import { describe, expect, it } from 'vitest';
import { learningRateAt, scheduleError } from './schedule';

describe('learningRateAt', () => {
  it('holds a constant rate', () => {
    expect(learningRateAt(0.01, { kind: 'constant' }, 7.3)).toBe(0.01);
  });

  it('steps down by the factor at each boundary (computed by hand)', () => {
    const s = { kind: 'step', factor: 0.1, everyEpochs: 5 } as const;
    expect(learningRateAt(0.01, s, 0)).toBe(0.01);
    expect(learningRateAt(0.01, s, 4.99)).toBe(0.01);
    expect(learningRateAt(0.01, s, 5)).toBeCloseTo(0.001, 12);
    expect(learningRateAt(0.01, s, 10.5)).toBeCloseTo(0.0001, 12);
  });

  it('follows a half cosine to the floor and holds it (computed by hand)', () => {
    const s = { kind: 'cosine', epochs: 4, minFactor: 0.1 } as const;
    expect(learningRateAt(1, s, 0)).toBe(1);
    expect(learningRateAt(1, s, 2)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(learningRateAt(1, s, 1)).toBeCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.SQRT1_2), 12);
    expect(learningRateAt(1, s, 4)).toBeCloseTo(0.1, 12);
    expect(learningRateAt(1, s, 9)).toBeCloseTo(0.1, 12);
  });
});

describe('scheduleError', () => {
  it('accepts valid schedules and names what is wrong with others', () => {
    expect(scheduleError({ kind: 'constant' })).toBeNull();
    expect(scheduleError({ kind: 'step', factor: 0.1, everyEpochs: 5 })).toBeNull();
    expect(scheduleError({ kind: 'step', factor: 2, everyEpochs: 5 })).toContain('factor');
    expect(scheduleError({ kind: 'cosine', epochs: 0, minFactor: 0 })).toContain('cosine');
    expect(scheduleError({ kind: 'linear' })).toBe('unknown schedule "linear"');
  });
});
