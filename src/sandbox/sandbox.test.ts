import { describe, expect, it } from 'vitest';
import {
  defaultState,
  drawSample,
  headParams,
  headSigmas,
  moveHandle,
  probePosterior,
  redraw,
  SANDBOX_HEADS,
  SANDBOX_PRESETS,
  presetHref,
  stateFromQuery,
  stateToQuery,
  step,
  withClassCount,
  withHead,
  withHyper,
  type SandboxState,
} from './sandbox';

/** Class c's points of a sample, as [x, y] pairs. */
const pointsOf = (s: SandboxState, c: number) => {
  const { points, labels } = drawSample(s);
  return [...labels.keys()].filter((i) => labels[i] === c).map((i) => [points[2 * i]!, points[2 * i + 1]!]);
};

const mean = (xy: number[][]) => [0, 1].map((j) => xy.reduce((a, p) => a + p[j]!, 0) / xy.length);

describe('sandbox state', () => {
  it('offers the heads whose parameters are all Gaussians, and opens on ICU', () => {
    expect(SANDBOX_HEADS).toEqual(['lgm', 'icu']);
    expect(defaultState(3).head).toBe('icu');
    expect(stateFromQuery('?mode=sandbox&head=softmax').notices).toEqual([expect.stringContaining('head=softmax')]);
  });

  it('draws a seeded sample from the data Gaussians, each class from its own stream', () => {
    const s = { ...defaultState(3), perClass: 200 };
    expect(drawSample(s)).toEqual(drawSample(s));
    expect(drawSample({ ...s, seed: 2 }).points).not.toEqual(drawSample(s).points);
    // A fourth class leaves the first three classes' points where they were.
    expect(pointsOf(withClassCount(s, 4), 1)).toEqual(pointsOf(s, 1));
    const [mx, my] = mean(pointsOf(s, 2));
    expect(Math.hypot(mx! - s.data[8]!, my! - s.data[9]!)).toBeLessThan(0.15);
  });

  it('keeps the sample where it was drawn until Redraw, then draws it from the moved Gaussian', () => {
    const s = moveHandle(defaultState(3), 1, 'mx', 3);
    expect(s.data).toEqual(defaultState(3).data);
    expect(redraw(s).data.slice(4, 6)).toEqual([3, -1]);
  });

  it('fills the head parameters from the handles: means, and ln σ² per axis (diag) or per class (iso)', () => {
    const s = defaultState(3);
    const diag = headParams(moveHandle(s, 0, 'sy', 2));
    expect(Array.from(diag.means!)).toEqual(s.means);
    expect(Array.from(diag.logVars!).slice(0, 2)).toEqual([2 * Math.log(0.6), 2 * Math.log(2)]);
    const iso = withHyper(moveHandle(s, 0, 'sy', 2.4), { ...s.hyper, cov: 'iso' });
    // Going round takes the geometric mean σ = √(0.6 · 2.4) = 1.2, on both axes.
    expect(iso.sigmas.slice(0, 2)).toEqual([1.2, 1.2]);
    expect(Array.from(headParams(iso).logVars!)).toEqual([2 * Math.log(1.2), 2 * Math.log(0.6), 2 * Math.log(0.6)]);
    expect(moveHandle(iso, 2, 'sx', 0.9).sigmas.slice(4)).toEqual([0.9, 0.9]);
  });

  it('clamps a handle into the plane and σ into its range', () => {
    const s = moveHandle(moveHandle(defaultState(3), 0, 'mx', 9), 0, 'sx', 0);
    expect([s.means[0], s.sigmas[0]]).toEqual([4, 0.05]);
  });

  it('gives each head a posterior at the probe that sums to 1 and favours the nearest class', () => {
    const s = { ...defaultState(3), probe: [1.5, -0.9] as [number, number] };
    const p = probePosterior(s);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.indexOf(Math.max(...p))).toBe(2);
  });

  it('Step moves a displaced mean toward its batch mean, lowers the loss and reports the pull', () => {
    const s = moveHandle(defaultState(3), 2, 'my', 1);
    const sample = drawSample(s);
    const target = mean(pointsOf(s, 2));
    const { state, report } = step(s, sample);
    const dist = (m: number[]) => Math.hypot(m[4]! - target[0]!, m[5]! - target[1]!);
    expect(dist(state.means)).toBeLessThan(dist(s.means) - 0.1);
    expect(report.after.total).toBeLessThan(report.before.total);
    expect(Array.from(report.pull!.batchMeans.slice(4, 6))).toEqual(target.map((v) => expect.closeTo(v, 6)));
    // The reg part pulls the mean toward the batch mean: its descent direction points there.
    const [gx, gy] = [-report.pull!.means[4]!, -report.pull!.means[5]!];
    expect(gx * (target[0]! - s.means[4]!) + gy * (target[1]! - s.means[5]!)).toBeGreaterThan(0);
    expect(state.data).toEqual(s.data);
  });

  it("steps L-GM's means toward the sample; with identity covariance its σ are 1 and its pull has no σ part", () => {
    const s = moveHandle(withHead(defaultState(3), 'lgm'), 2, 'my', 1);
    expect(headSigmas(s)).toEqual(s.sigmas.map(() => 1));
    const sample = drawSample(s);
    const target = mean(pointsOf(s, 2));
    const { state, report } = step(s, sample);
    const dist = (m: number[]) => Math.hypot(m[4]! - target[0]!, m[5]! - target[1]!);
    expect(dist(state.means)).toBeLessThan(dist(s.means));
    expect(report.after.total).toBeLessThan(report.before.total);
    expect(report.pull?.logVars).toBeNull();
    expect(Array.from(report.pull!.batchMeans.slice(4, 6))).toEqual(target.map((v) => expect.closeTo(v, 6)));
    expect(state.sigmas).toEqual(s.sigmas);
  });
});

describe('sandbox URL', () => {
  it('round-trips the whole state, stepped and iso ones included', () => {
    const base = { ...defaultState(5), perClass: 12, seed: 7, probe: [0.5, -1.25] as [number, number], probeClass: 3 };
    const iso = withHyper(moveHandle(base, 4, 'sy', 1.7), { ...base.hyper, cov: 'iso', alpha: 0.5 });
    const stepped = step(moveHandle(base, 1, 'mx', -3), drawSample(base)).state;
    for (const s of [base, iso, stepped]) {
      const { state, notices } = stateFromQuery(stateToQuery(s));
      expect(notices).toEqual([]);
      expect(state).toEqual(s);
    }
    // One σ per class in the URL once the covariance is iso.
    expect(new URLSearchParams(stateToQuery(iso)).get('sigma')!.split(',')).toHaveLength(5);
  });

  it('opens every preset without a notice, the URL winning over the preset', () => {
    for (const p of SANDBOX_PRESETS) expect(stateFromQuery(presetHref(p)).notices).toEqual([]);
    const alpha = SANDBOX_PRESETS.find((p) => p.id === 'alpha')!;
    expect(stateFromQuery(`${presetHref(alpha)}&icu.alpha=0.2`).state.hyper.alpha).toBe(0.2);
  });

  it('corrects every bad value with a notice naming it, and keeps the rest', () => {
    const { state, notices } = stateFromQuery(
      '?mode=sandbox&k=20&icu.alpha=abc&icu.gamma=0.3&icu.cov=round&mu=1,2&probe=9,0&lr=0&n=2.5&preset=fig9&colour=red&lgm.alpha=1&head=softmax',
    );
    expect(notices).toEqual([
      'preset=fig9 is not one of gamma, alpha, slack; ignored',
      'head=softmax is not one of lgm, icu; using icu',
      'k=20 is out of range (3–10); using 10',
      'unknown parameter colour ignored',
      "lgm.alpha ignored (icu's hyper-parameters: alpha, gamma, lambdaMu, lambdaSigma, cov, marginOn)",
      'icu.alpha=abc is not a number; using 0.0001',
      'icu.cov=round is not one of diag, iso; using diag',
      'mu=1,2 is not 20 comma-separated numbers (x, y of 10 classes); using the defaults',
      'probe[0]=9 is out of range (-4–4); using 4',
      'n=2.5 is not a whole number; using 3',
      'lr=0 is out of range (0.001–10); using 0.001',
    ]);
    expect(state.means).toEqual(defaultState(10).means);
    expect([state.hyper.gamma, state.probe, state.perClass, state.lr]).toEqual([0.3, [4, 0], 3, 0.001]);
  });
});
