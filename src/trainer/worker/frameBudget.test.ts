import { describe, expect, it } from 'vitest';
import { FrameBudget } from './frameBudget';

describe('FrameBudget', () => {
  it('sends the first frame at once, with the first sample size', () => {
    const b = new FrameBudget(0.2, 400, 200, 256);
    expect(b.due(256, 0)).toBe(true);
    expect(b.sampleSize(10_000)).toBe(256); // the first sample size given
    expect(b.sampleSize(100)).toBe(100);
  });

  it('keeps frames to their share of worker time', () => {
    const b = new FrameBudget(0.2, 400, 200, 256);
    b.recordFrame(1000, 100, 0); // 0.1 ms per digit → a 1000-digit frame costs 100 ms
    b.recordTraining(399);
    expect(b.due(1000, 10_000)).toBe(false); // needs 400 ms of training for 100 ms of frame
    b.recordTraining(1);
    expect(b.due(1000, 10_000)).toBe(true);
    expect(b.due(1000, 100)).toBe(false); // but never faster than the minimum interval
  });

  it('sizes frames by their measured cost, within bounds', () => {
    const b = new FrameBudget(0.2, 400, 200, 256);
    b.recordFrame(100, 100, 0); // 1 ms per digit → 400 digits fit the target
    expect(b.sampleSize(10_000)).toBe(400);
    expect(b.sampleSize(300)).toBe(300);
    expect(b.sampleSize(10_000, (n) => 4 * n)).toBe(100); // two samples × two heads share the target
    expect(b.sampleSize(10_000, (n) => 2 * (n + Math.ceil(n / 2)))).toBe(133); // the train sample at half rate
    const slow = new FrameBudget(0.2, 400, 200, 256);
    slow.recordFrame(10, 1000, 0); // 100 ms per digit: still at least 64
    expect(slow.sampleSize(10_000)).toBe(64);
  });
});
