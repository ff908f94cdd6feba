import { describe, expect, it } from 'vitest';
import { ProgressiveSample } from './progressiveSample';

/** A sample of n digits (MNIST indices 100 + i, labels i mod 10) for `heads` heads. */
function sampleOf(n: number, heads = 2): ProgressiveSample {
  return new ProgressiveSample(
    Uint32Array.from({ length: n }, (_, i) => 100 + i),
    Uint8Array.from({ length: n }, (_, i) => i % 10),
    heads,
  );
}

/** One refresh at `step`: every head's features of a digit are (step, head), its prediction the step mod 256. */
function refresh(s: ProgressiveSample, slice: number, step: number, heads = 2): Uint32Array {
  const positions = s.plan(slice);
  for (let h = 0; h < heads; h++) {
    const features = Float32Array.from({ length: 2 * positions.length }, (_, i) => (i % 2 ? h : step));
    s.write(h, positions, { features, predictions: new Uint8Array(positions.length).fill(step % 256) });
  }
  s.commit(positions, step);
  return positions;
}

describe('ProgressiveSample', () => {
  it('grows a new sample by slices from its first digit, sending the digits embedded so far; then the slices cycle', () => {
    const s = sampleOf(10);
    expect(s.planSize(3)).toBe(3);
    expect(Array.from(refresh(s, 3, 0))).toEqual([0, 1, 2]);
    expect(Array.from(s.sample(1).labels)).toEqual([0, 1, 2]);
    expect(Array.from(s.sample(1).indices)).toEqual([100, 101, 102]);
    expect(s.sample(1).features).toHaveLength(6);
    expect(s.stepRange()).toEqual({ oldestStep: 0, newestStep: 0 });
    const slices = [1, 2, 3, 4].map((step) => Array.from(refresh(s, 3, step)));
    expect(slices).toEqual([
      [3, 4, 5],
      [6, 7, 8],
      [9, 0, 1],
      [2, 3, 4],
    ]);
    expect(s.sample(0).labels).toHaveLength(10);
    expect(s.stepRange()).toEqual({ oldestStep: 1, newestStep: 4 });
    expect(Array.from(s.digits(Uint32Array.from([9, 0])))).toEqual([109, 100]);
  });

  it('refreshes every digit within ⌈N/slice⌉ frames, whatever the slice', () => {
    for (const [n, slice] of [
      [2000, 150],
      [2000, 64],
      [7, 3],
      [5, 5],
      [5, 9],
    ] as const) {
      const s = sampleOf(n, 1);
      refresh(s, slice, 0, 1);
      const frames = Math.ceil(n / slice);
      for (let step = 1; step <= 3 * frames; step++) {
        refresh(s, slice, step, 1);
        if (step >= frames) expect(s.stepRange().oldestStep, `${n}/${slice} at ${step}`).toBeGreaterThan(step - frames);
      }
    }
  });

  it('sends the whole sample, each digit at its latest features, with the step range they come from', () => {
    const s = sampleOf(6);
    s.invalidate(); // embedded whole at the next refresh
    refresh(s, 2, 10);
    expect(s.stepRange()).toEqual({ oldestStep: 10, newestStep: 10 });
    refresh(s, 2, 12);
    const head1 = s.sample(1);
    expect(head1.oldestStep).toBe(10);
    expect(head1.newestStep).toBe(12);
    expect(Array.from(head1.features)).toEqual([12, 1, 12, 1, 10, 1, 10, 1, 10, 1, 10, 1]);
    expect(Array.from(head1.predictions)).toEqual([12, 12, 10, 10, 10, 10]);
    expect(Array.from(head1.labels)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(head1.indices)).toEqual([100, 101, 102, 103, 104, 105]);
    expect(Array.from(s.sample(0).features.filter((_, i) => i % 2 === 1))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('hands out copies, so transferring a frame leaves the sample intact', () => {
    const s = sampleOf(4);
    refresh(s, 2, 3);
    const a = s.sample(0);
    a.features.fill(-1);
    a.labels.fill(9);
    expect(s.sample(0).features[0]).toBe(3);
    expect(s.sample(0).labels[0]).toBe(0);
    expect(s.sample(0).features.buffer).not.toBe(s.sample(1).features.buffer);
  });

  it('after invalidation the next refresh embeds everything again, at one step', () => {
    const s = sampleOf(8);
    refresh(s, 3, 0);
    refresh(s, 3, 5);
    expect(s.stepRange()).toEqual({ oldestStep: 0, newestStep: 5 });
    s.invalidate();
    expect(s.planSize(3)).toBe(8);
    expect(refresh(s, 3, 2)).toHaveLength(8);
    expect(s.stepRange()).toEqual({ oldestStep: 2, newestStep: 2 });
    expect(Array.from(refresh(s, 3, 3))).toEqual([0, 1, 2]);
  });

  it("an empty sample (points=0) stays empty, at the last refresh's step", () => {
    const s = sampleOf(0);
    expect(refresh(s, 64, 7)).toHaveLength(0);
    expect(s.sample(0).labels).toHaveLength(0);
    expect(s.stepRange()).toEqual({ oldestStep: 7, newestStep: 7 });
  });
});
