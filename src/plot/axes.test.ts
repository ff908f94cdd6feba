import { describe, expect, it } from 'vitest';
import { axisTicks } from './axes';
import { plotMaps } from './domain';

describe('axisTicks', () => {
  it('places nice ticks on a flipped y axis and labels them at the tick step', () => {
    const { mx, my } = plotMaps({ x: [-0.13, 1.07], y: [-25, 25] }, 240, 200);
    expect(axisTicks(mx, 0, 240, 4).map((t) => `${t.label}@${t.px.toFixed(1)}`)).toEqual([
      '0.0@26.0',
      '0.2@66.0',
      '0.4@106.0',
      '0.6@146.0',
      '0.8@186.0',
      '1.0@226.0',
    ]);
    expect(axisTicks(my, 200, 0, 4).map((t) => `${t.label}@${t.px.toFixed(1)}`)).toEqual([
      '−20@180.0',
      '−10@140.0',
      '0@100.0',
      '10@60.0',
      '20@20.0',
    ]);
  });
});
