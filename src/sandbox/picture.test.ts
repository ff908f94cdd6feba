import { describe, expect, it } from 'vitest';
import { LIGHT } from '../plot/palette';
import { createScratch, marginRegions, sandboxPicture, sandboxScene } from './picture';
import { defaultState, drawSample, moveHandle, withHyper, type SandboxState } from './sandbox';

const withIcu = (s: SandboxState, hyper: Record<string, number | string>) => withHyper(s, { ...s.hyper, ...hyper });

/** The picture's stats for a state. */
const statsOf = (s: SandboxState) => sandboxPicture(s, drawSample(s), null, LIGHT, createScratch()).stats;

describe('margin regions', () => {
  // docs/losses.md's example: class 1 with μ = (2, 1), σ² = (0.25, 1) and the sample x = (1.5, 1) has
  // maha = 1, ln|Σ| = −1.386, d = −0.193: the literal (1+α) raises its true logit (slack); on maha only it does not.
  const docs = [
    ['mx', 2],
    ['my', 1],
    ['sx', 0.5],
    ['sy', 1],
  ].reduce((s, [which, v]) => moveHandle(s, 1, which as 'mx' | 'my' | 'sx' | 'sy', v as number), defaultState(3));
  const at = (s: SandboxState) => marginRegions(s, Float32Array.of(1.5, 1), Uint8Array.of(1))!;

  it('marks the docs example as slack under full and not under mahalanobis', () => {
    expect(docs.sigmas.slice(2, 4)).toEqual([0.5, 1]);
    expect(at(withIcu(docs, { alpha: 0.1, gamma: 0 })).slack[0]).toBe(1);
    expect(at(withIcu(docs, { alpha: 0.1, gamma: 0, marginOn: 'mahalanobis' })).slack[0]).toBe(0);
    // γ = 0.25 adds ln 1.25 = 0.223 > 0.193 to d: no longer negative, no slack.
    expect(at(withIcu(docs, { alpha: 0.1, gamma: 0.25 })).slack[0]).toBe(0);
  });

  it('is empty with no margin, and the band widens as α grows', () => {
    const none = statsOf(withIcu(defaultState(3), { alpha: 0, gamma: 0 }));
    expect(none.marginCells).toBe(0);
    const bands = [0.1, 0.5, 1, 3].map((alpha) => statsOf(withIcu(defaultState(3), { alpha })).marginCells);
    expect(bands[0]).toBeGreaterThan(0);
    for (let i = 1; i < bands.length; i++) expect(bands[i]).toBeGreaterThan(bands[i - 1]!);
  });

  it('has no slack where every σ is at least 1 (ln|Σ| ≥ 0 makes d ≥ 0), and some where σ < 1', () => {
    const wide = defaultState(3);
    const wideSigmas = { ...wide, sigmas: wide.sigmas.map(() => 1) };
    expect(statsOf(wideSigmas).slackCells).toBe(0);
    expect(statsOf(wide).slackCells).toBeGreaterThan(100);
  });
});

describe('sandbox picture', () => {
  it('counts every cell once and changes its field hash when a mean moves', () => {
    const s = defaultState(3),
      before = statsOf(s);
    expect(before.counts.reduce((a, b) => a + b, 0)).toBe(160 * 160);
    expect(statsOf(moveHandle(s, 2, 'mx', 0.5)).fieldHash).not.toBe(before.fieldHash);
    expect(statsOf(moveHandle(s, 2, 'mx', s.means[4]!)).fieldHash).toBe(before.fieldHash);
  });

  it('labels the slack region on the plot and frames the figure for export', () => {
    const s = withIcu(defaultState(3), { alpha: 1 });
    const p = sandboxPicture(s, drawSample(s), null, LIGHT, createScratch());
    expect(p.items.filter((i) => i.kind === 'text' && i.text === 'slack')).toHaveLength(3);
    const scene = sandboxScene(p, 'caption', LIGHT);
    expect([scene.width, scene.height]).toEqual([538, 548]);
  });
});
