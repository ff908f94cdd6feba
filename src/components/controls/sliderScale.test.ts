import { describe, expect, it } from 'vitest';
import { positionOf, SLIDER_STEPS, spokenName, valueAt } from './sliderScale';

const log = { min: 1e-6, max: 10, scale: 'log', zeroAllowed: true, integer: false } as const;
const lin = { min: 1, max: 200, scale: 'linear', zeroAllowed: false, integer: false } as const;

describe('slider scales', () => {
  it('map the ends of the track to the ends of the range, with 0 first on a log scale that allows it', () => {
    expect(valueAt(log, 0)).toBe(0);
    expect(valueAt(log, 1)).toBe(1e-6);
    expect(valueAt(log, SLIDER_STEPS)).toBe(10);
    expect(valueAt(lin, 0)).toBe(1);
    expect(valueAt(lin, SLIDER_STEPS)).toBe(200);
  });

  it('round-trip values to positions', () => {
    for (const v of [1e-4, 0.1, 3]) expect(valueAt(log, positionOf(log, v)) / v).toBeCloseTo(1, 1);
    expect(positionOf(log, 0)).toBe(0);
    expect(positionOf(lin, 1000)).toBe(SLIDER_STEPS);
  });

  it('says camelCase names in words', () => {
    expect(spokenName('lambdaMu')).toBe('lambda mu');
    expect(spokenName('alpha')).toBe('alpha');
  });
});
