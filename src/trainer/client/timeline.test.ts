import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../../plot/testFrames';
import type { Frame } from '../shared/protocol';
import type { RunSnapshot } from '../shared/runSnapshot';
import { frameBytes, thinningVictim, Timeline } from './timeline';

/** A two-head frame of 200 digits per sample at `step` (sequence number = step, one run). */
const frameAt = (step: number): Frame => ({ ...syntheticFrame(['softmax', 'icu'], 200), seq: step, step });

const snapshotAt = (step: number, floats = 1000): RunSnapshot => ({
  network: 'lite',
  step,
  epoch: 0,
  batchInEpoch: step,
  learningRate: 0.01,
  learners: [{ head: 'icu', values: { w: new Float32Array(floats) }, hyper: {}, optimizer: null }],
});

describe('thinningVictim', () => {
  it('keeps the first and the latest, and drops where the gap is smallest for its age', () => {
    expect(thinningVictim([0, 10])).toBe(-1);
    // Evenly spaced: the oldest interior item costs least (its age is largest).
    expect(thinningVictim([0, 1, 2, 3, 4, 5])).toBe(1);
    // A dense cluster of recent items still loses to the sparse old one only when the old gap is small for its age.
    expect(thinningVictim([0, 500, 900, 990, 999, 1000])).toBe(1);
  });

  it('leaves recent frames dense and old ones log-spaced after many drops', () => {
    const steps = Array.from({ length: 1001 }, (_, i) => i);
    while (steps.length > 40) steps.splice(thinningVictim(steps), 1);
    const gaps = steps.slice(1).map((s, i) => s - steps[i]!);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(1000);
    expect(gaps.at(-1)).toBeLessThanOrEqual(2);
    expect(Math.max(...gaps.slice(0, 5))).toBeGreaterThan(50);
    // Gaps grow towards the past: every gap in the older half is at least as large as any in the newest tenth.
    expect(Math.min(...gaps.slice(0, gaps.length / 2))).toBeGreaterThanOrEqual(Math.max(...gaps.slice(-4)));
  });
});

describe('Timeline', () => {
  it('records every frame and passes it on while following the run', () => {
    const t = new Timeline();
    const seen: number[] = [];
    t.subscribe((f) => seen.push(f.step));
    for (const s of [1, 2, 3]) t.publish(frameAt(s), 1);
    expect(seen).toEqual([1, 2, 3]);
    expect(t.getState()).toMatchObject({ steps: [1, 2, 3], viewing: null });
    expect(t.current?.step).toBe(3);
  });

  it('shows a recorded frame while training goes on behind, and the live one again with view(null) or the last index', () => {
    const t = new Timeline();
    for (const s of [1, 2, 3]) t.publish(frameAt(s), 1);
    const seen: number[] = [];
    t.subscribe((f) => seen.push(f.step));
    t.view(0);
    expect(t.current?.step).toBe(1);
    t.publish(frameAt(4), 1);
    expect(t.current?.step).toBe(1);
    expect(t.getState()).toMatchObject({ steps: [1, 2, 3, 4], viewing: 0 });
    t.view(3);
    expect(t.getState().viewing).toBeNull();
    expect(t.current?.step).toBe(4);
    t.view(1);
    t.view(null);
    expect(seen).toEqual([3, 1, 4, 2, 4]);
  });

  it('replays from the start to the step recorded when the replay began, then goes live, though the run records two frames a tick', () => {
    const t = new Timeline();
    for (const s of [1, 2, 3, 4]) t.publish(frameAt(s), 1);
    const until = 4;
    t.view(0);
    const shown: (number | null)[] = [];
    let next = 5;
    for (let tick = 0; tick < 10 && t.replayTick(until); tick++) {
      shown.push(t.getState().viewing === null ? null : t.current!.step);
      for (const s of [next, next + 1]) t.publish(frameAt(s), 1);
      next += 2;
    }
    expect(shown).toEqual([2, 3]);
    expect(t.getState().viewing).toBeNull();
    expect(t.current?.step).toBe(next - 1);
  });

  it('drops stale frames as the bus does, and a frame of an earlier step (a revert) replaces the recording after it', () => {
    const t = new Timeline();
    for (const s of [1, 2, 3]) t.publish(frameAt(s), 1);
    expect(t.publish({ ...frameAt(9), seq: 2 }, 1)).toBe(false);
    expect(t.publish({ ...frameAt(2), seq: 4 }, 1)).toBe(true);
    expect(t.getState().steps).toEqual([1, 2]);
  });

  it('holds labels and indices of a fixed sample once', () => {
    const t = new Timeline();
    t.publish(frameAt(1), 1);
    t.publish(frameAt(2), 1);
    const [a, b] = t.recorded();
    expect(b!.heads[0]!.test.indices).toBe(a!.heads[0]!.test.indices);
    expect(b!.heads[1]!.train.labels).toBe(a!.heads[1]!.train.labels);
    const full = frameBytes(frameAt(2));
    // 200 digits × 2 samples × 2 heads × (1 label + 4 index bytes) are shared with the first frame.
    expect(t.getState().bytes).toBe(2 * full - 200 * 2 * 2 * 5);
  });

  it('stays under its memory cap over a long run, keeping the first frame, the latest and the recent past dense', () => {
    const full = frameBytes(frameAt(1));
    const t = new Timeline(30 * full);
    for (let s = 1; s <= 2000; s++) {
      t.publish(frameAt(s), 1);
      if (s % 50 === 0) t.snapshot(snapshotAt(s));
      expect(t.getState().bytes).toBeLessThanOrEqual(t.cap);
    }
    const { steps, snapshotSteps } = t.getState();
    expect(steps[0]).toBe(1);
    expect(steps.at(-1)).toBe(2000);
    expect(steps.slice(-3)).toEqual([1998, 1999, 2000]);
    // Snapshots take at most half the cap, so frames fill at least the other half.
    expect(steps.length).toBeGreaterThanOrEqual(15);
    expect(snapshotSteps.at(-1)).toBe(2000);
    expect(t.snapshotAtOrBefore(1234)?.step).toBeLessThanOrEqual(1234);
  });

  it('starts afresh, following, after clear()', () => {
    const t = new Timeline();
    t.publish(frameAt(5), 1);
    t.view(0);
    t.clear();
    expect(t.current).toBeNull();
    expect(t.getState()).toMatchObject({ steps: [], viewing: null, bytes: 0 });
    t.publish(frameAt(1), 2);
    expect(t.current?.step).toBe(1);
  });
});
