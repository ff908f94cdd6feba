import type { ParamSpec } from '../loss/head';
import {
  anyHead,
  defaultHyper,
  HEAD_IDS,
  hyperSpecOf,
  isHeadId,
  sandboxStep,
  type HeadHyper,
  type HeadId,
} from '../loss/heads';
import { posterior, scorePoints, type PlaneLossParts } from '../loss/plane';
import { createRng } from '../math/random';
import { correctChoice, correctNumber, quote, type Corrected, type Range } from '../url/correct';

/**
 * The Gaussian sandbox (issue 16): K class Gaussians in the plane, a sample drawn from them, a probe
 * point, and one head's loss and plain gradient step on them; no network, no tfjs. Its whole state
 * is a URL (`?mode=sandbox&…`), parsed and written here, so a link reproduces what is shown.
 */

/** The plane the sandbox shows, [−4, 4] on both axes: fixed, so the field does not jump while a handle moves. */
export const EXTENT = 4;

/** The sandbox's settings and the head's parameters as handles. */
export interface SandboxState {
  head: HeadId;
  hyper: Record<string, number | string>;
  /** The head's Gaussians: means [K·2] and standard deviations (σx, σy) [K·2]; iso keeps σx = σy. */
  means: number[];
  sigmas: number[];
  /** The Gaussians the sample was drawn from (mx, my, σx, σy) [K·4], as they were at the last Redraw. */
  data: number[];
  perClass: number;
  seed: number;
  probe: [number, number];
  probeClass: number;
  /** Learning rate of Step (plain gradient descent). */
  lr: number;
}

/** A labelled sample of the plane. */
export interface Sample {
  points: Float32Array;
  labels: Uint8Array;
}

/** The ranges the URL and the controls are corrected into. */
export const LIMITS = {
  k: { min: 3, max: 10, integer: true, zeroAllowed: false },
  coord: { min: -EXTENT, max: EXTENT, integer: false, zeroAllowed: false },
  sigma: { min: 0.05, max: 4, integer: false, zeroAllowed: false },
  perClass: { min: 1, max: 200, integer: true, zeroAllowed: false },
  seed: { min: 0, max: 2 ** 31 - 1, integer: true, zeroAllowed: false },
  lr: { min: 0.001, max: 10, integer: false, zeroAllowed: false },
} as const satisfies Record<string, Range>;

/** Keyboard steps of the handles (Shift: the large one), in plane units. */
export const KEY_STEP = { mean: [0.1, 0.5], sigma: [0.05, 0.25] } as const;

/**
 * Which handle fills a head parameter: `means` are the classes' mean handles, `logVars` (ln σ²) their σ
 * handles, a parameter the settings leave out has none. Any other parameter (softmax's, center loss's and
 * L-Softmax's weight rows, center loss's centers) is not a Gaussian's: such a head has plane math
 * (src/loss/heads/<head>.plane.ts) but no reading as the sandbox's class Gaussians, and is not offered.
 */
function handleOf(name: string, spec: ParamSpec<never>, k: number, hyper: object): 'mean' | 'logVar' | 'none' | null {
  if (!(spec as ParamSpec<object>).shape(k, 2, hyper)) return 'none';
  return name === 'means' ? 'mean' : name === 'logVars' ? 'logVar' : null;
}

/** The heads the sandbox offers: those whose parameters are all Gaussians' (L-GM and ICU today). */
export const SANDBOX_HEADS: readonly HeadId[] = HEAD_IDS.filter((id) =>
  Object.entries(anyHead(id).params).every(([n, spec]) => handleOf(n, spec, 3, defaultHyper(id)) !== null),
);

/** The paper's head opens the sandbox. */
const DEFAULT_HEAD: HeadId = 'icu';

/** The number of classes. */
export const classCount = (s: Pick<SandboxState, 'means'>): number => s.means.length / 2;

/** How many σ handles a class has under the head's settings: 2 (diag), 1 (iso) or 0 (fixed identity). */
export function sigmaCount(head: HeadId, hyper: object, k = 3): 1 | 2 | 0 {
  const spec = (anyHead(head).params as Record<string, ParamSpec<object>>).logVars;
  const cols = spec?.shape(k, 2, hyper)?.[1];
  return cols === 1 ? 1 : cols === 2 ? 2 : 0;
}

/** Rounds a stored number to 4 decimals, so the URL holds the state exactly. */
const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** K means evenly on a circle, class 0 on top: radius 2, widening to 3 at K = 10 so crowded classes stay apart. */
function circleMeans(k: number): number[] {
  const radius = 2 + Math.max(0, k - 4) / 6;
  return Array.from({ length: k }, (_, c) => {
    const t = Math.PI / 2 + (2 * Math.PI * c) / k;
    return [r4(radius * Math.cos(t)), r4(radius * Math.sin(t))];
  }).flat();
}

const DEFAULT_SIGMA = 0.6;

/** The sandbox with K classes on a circle, each drawn from and modelled by the same Gaussian. */
export function defaultState(k = 3, head: HeadId = DEFAULT_HEAD): SandboxState {
  const means = circleMeans(k),
    sigmas = means.map(() => DEFAULT_SIGMA);
  return {
    head,
    hyper: { ...defaultHyper(head) },
    means,
    sigmas,
    data: dataOf(means, sigmas),
    perClass: 30,
    seed: 1,
    probe: [0, 0],
    probeClass: 0,
    lr: 0.5,
  };
}

/** The sample's Gaussians (mx, my, σx, σy) from means and σ [K·2] each. */
function dataOf(means: readonly number[], sigmas: readonly number[]): number[] {
  return Array.from({ length: means.length / 2 }, (_, c) => [
    means[2 * c]!,
    means[2 * c + 1]!,
    sigmas[2 * c]!,
    sigmas[2 * c + 1]!,
  ]).flat();
}

/** Redraw: the sample now comes from the head's Gaussians as they are. */
export function redraw(s: SandboxState, seed = s.seed): SandboxState {
  return { ...s, seed, data: dataOf(s.means, s.sigmas) };
}

/** K classes: kept classes stay, new ones take their place on the default circle (drawn from where they are). */
export function withClassCount(s: SandboxState, k: number): SandboxState {
  const fresh = defaultState(k, s.head),
    keep = Math.min(k, classCount(s));
  const take = (mine: number[], theirs: number[], per: number) => [
    ...mine.slice(0, keep * per),
    ...theirs.slice(keep * per),
  ];
  return {
    ...s,
    means: take(s.means, fresh.means, 2),
    sigmas: take(s.sigmas, fresh.sigmas, 2),
    data: take(s.data, fresh.data, 4),
    probeClass: Math.min(s.probeClass, k - 1),
  };
}

/** Another head: its default hyper-parameters, the same Gaussians (iso ones made round). */
export function withHead(s: SandboxState, head: HeadId): SandboxState {
  return withHyper({ ...s, head, hyper: { ...defaultHyper(head) } });
}

/** New hyper-parameters; switching to one σ per class makes each class round (the geometric mean of its σx, σy). */
export function withHyper(s: SandboxState, hyper: Record<string, number | string> = s.hyper): SandboxState {
  if (sigmaCount(s.head, hyper) !== 1) return { ...s, hyper };
  const sigmas = s.sigmas.map((_, i) => r4(Math.sqrt(s.sigmas[i - (i % 2)]! * s.sigmas[i - (i % 2) + 1]!)));
  return { ...s, hyper, sigmas };
}

/** Moves handle `which` of class c to `value` (clamped into its range, kept to 4 decimals; iso moves both σ). */
export function moveHandle(s: SandboxState, c: number, which: 'mx' | 'my' | 'sx' | 'sy', value: number): SandboxState {
  const clamp = (v: number, r: Range) => r4(Math.min(r.max, Math.max(r.min, v)));
  if (which === 'mx' || which === 'my') {
    const means = [...s.means];
    means[2 * c + (which === 'mx' ? 0 : 1)] = clamp(value, LIMITS.coord);
    return { ...s, means };
  }
  const sigmas = [...s.sigmas],
    v = clamp(value, LIMITS.sigma);
  if (sigmaCount(s.head, s.hyper) === 1) sigmas[2 * c] = sigmas[2 * c + 1] = v;
  else sigmas[2 * c + (which === 'sx' ? 0 : 1)] = v;
  return { ...s, sigmas };
}

/** The probe moved to (x, y), clamped into the plane. */
export function moveProbe(s: SandboxState, x: number, y: number): SandboxState {
  const c = (v: number) => r4(Math.min(EXTENT, Math.max(-EXTENT, v)));
  return { ...s, probe: [c(x), c(y)] };
}

/**
 * The sample: perClass points of each class from its data Gaussian, each class from its own seeded
 * stream (seed and class), so adding a class or points leaves the other classes' points in place.
 */
export function drawSample(s: Pick<SandboxState, 'data' | 'perClass' | 'seed'>): Sample {
  const k = s.data.length / 4,
    n = s.perClass;
  const points = new Float32Array(2 * k * n),
    labels = new Uint8Array(k * n);
  for (let c = 0; c < k; c++) {
    const rng = createRng((s.seed * 16 + c) >>> 0);
    const [mx, my, sx, sy] = s.data.slice(4 * c, 4 * c + 4) as [number, number, number, number];
    for (let i = 0; i < n; i++) {
      const j = c * n + i;
      points[2 * j] = mx + sx * rng.normal();
      points[2 * j + 1] = my + sy * rng.normal();
      labels[j] = c;
    }
  }
  return { points, labels };
}

/** The σ (x, y per class) of the head's Gaussians: the σ handles', or 1 where the head's covariance is fixed (L-GM's identity). */
export function headSigmas(s: SandboxState): number[] {
  return sigmaCount(s.head, s.hyper, classCount(s)) === 0 ? s.sigmas.map(() => 1) : s.sigmas;
}

/** The head's parameters from the handles, by name (float64, the layouts of src/loss/plane.ts). */
export function headParams(s: SandboxState, head: HeadId = s.head): Record<string, Float64Array> {
  const k = classCount(s),
    hyper = head === s.head ? s.hyper : defaultHyper(head),
    perClass = sigmaCount(head, hyper, k);
  const out: Record<string, Float64Array> = {};
  for (const [name, spec] of Object.entries(anyHead(head).params)) {
    const handle = handleOf(name, spec, k, hyper);
    if (handle === 'mean') out[name] = Float64Array.from(s.means);
    else if (handle === 'logVar')
      out[name] = Float64Array.from({ length: k * perClass }, (_, i) =>
        perClass === 2 ? 2 * Math.log(s.sigmas[i]!) : 2 * Math.log(s.sigmas[2 * i]!),
      );
    else if (handle === null) throw new Error(`sandbox: ${head}'s parameter '${name}' has no handle`);
  }
  return out;
}

/** The same parameters as Float32Arrays, as the plots' scorers take them. */
export function headParams32(s: SandboxState, head: HeadId = s.head): Record<string, Float32Array> {
  return Object.fromEntries(Object.entries(headParams(s, head)).map(([n, v]) => [n, Float32Array.from(v)]));
}

/** The loss parts of the head on a labelled set of points (the sample, or the probe alone). */
export function lossOf(s: SandboxState, points: Float32Array, labels: Uint8Array): PlaneLossParts {
  return anyHead(s.head).plane(points, labels, headParams(s), s.hyper);
}

/** A head's posterior softmax(inference logits) at the probe, one probability per class. */
export function probePosterior(s: SandboxState, head: HeadId = s.head): number[] {
  return posterior(scorePoints(anyHead(head).scorer(headParams32(s, head)), Float32Array.from(s.probe)));
}

/** What Step reports beside the new state: the loss before and after, and the regularizer's pull if the head gives it. */
export interface StepReport {
  before: PlaneLossParts;
  after: PlaneLossParts;
  pull: Pull | null;
}

/** The regularizer's share of a step (ICU's Eq. 14, L-GM's likelihood term): the batch means and the reg part's gradient. */
export interface Pull {
  batchMeans: Float64Array;
  means: Float64Array;
  /** Null where the head's reg does not move the variances (L-GM with identity covariance). */
  logVars: Float64Array | null;
}

/** The pull a head's plane math reports beside its loss parts, if its reg pulls the means. */
function pullOf(parts: PlaneLossParts): Pull | null {
  const { batchMeans, regGrads } = parts;
  return batchMeans && regGrads?.means
    ? { batchMeans, means: regGrads.means, logVars: regGrads.logVars ?? null }
    : null;
}

/** One plain gradient step of the head's μ and σ on the sample (never the points); the state keeps 4 decimals. */
export function step(s: SandboxState, sample: Sample): { state: SandboxState; report: StepReport } {
  const k = classCount(s),
    perClass = sigmaCount(s.head, s.hyper, k);
  const hyper = s.hyper as HeadHyper[HeadId];
  const r = sandboxStep(s.head, sample.points, sample.labels, headParams(s), hyper, s.lr);
  let { means, sigmas } = s;
  for (const [name, spec] of Object.entries(anyHead(s.head).params)) {
    const values = r.params[name];
    const handle = handleOf(name, spec, k, s.hyper);
    if (!values) continue;
    if (handle === 'mean') means = Array.from(values, (v) => r4(Math.min(EXTENT, Math.max(-EXTENT, v))));
    if (handle === 'logVar') {
      const sigma = (t: number) => r4(Math.min(LIMITS.sigma.max, Math.max(LIMITS.sigma.min, Math.exp(t / 2))));
      sigmas = Array.from({ length: 2 * k }, (_, i) => sigma(values[perClass === 2 ? i : Math.floor(i / 2)]!));
    }
  }
  return { state: { ...s, means, sigmas }, report: { before: r.before, after: r.after, pull: pullOf(r.before) } };
}

// ---- The URL ----

/** Parameters the sandbox reads besides `<head>.<name>`; `mode=sandbox` is what opens it. */
const PARAMS = ['mode', 'preset', 'head', 'k', 'mu', 'sigma', 'data', 'n', 'seed', 'probe', 'probeClass', 'lr'];

/** A ready-made sandbox: its name and its URL parameters over the defaults. */
export interface SandboxPreset {
  id: string;
  name: string;
  query: string;
}

/**
 * The paper's Fig. 1 in the plane. γ: one class's sample is tight, its Gaussian wide; with a large γ
 * the true-class distance carries +ln(1+γ), and Step tightens the class toward its sample. α: classes
 * closer than their spread; with σ = 1 (ln|Σ| = 0, so d ≥ 0) the (1+α) margin opens a band between them
 * and Step pushes them apart. Slack: the same with σ < 1, where d < 0 inside the ellipses and α helps the
 * true class there instead.
 */
export const SANDBOX_PRESETS: readonly SandboxPreset[] = [
  {
    id: 'gamma',
    name: 'Intra-class margin γ tightens a class',
    query:
      'mu=0,1.6,-1.6,-1,1.6,-1&sigma=1.2,1.2,0.6,0.6,0.6,0.6&data=0,1.6,0.4,0.4,-1.6,-1,0.6,0.6,1.6,-1,0.6,0.6&icu.gamma=3&icu.lambdaSigma=0.0001&lr=1',
  },
  {
    id: 'alpha',
    name: 'Inter-class margin α pushes classes apart',
    query:
      'mu=0,1,-0.9,-0.5,0.9,-0.5&sigma=1,1,1,1,1,1&data=0,1,0.6,0.6,-0.9,-0.5,0.6,0.6,0.9,-0.5,0.6,0.6&icu.alpha=1&icu.lambdaMu=0.0001&lr=1',
  },
  {
    id: 'slack',
    name: 'α turns into slack where d < 0',
    query: 'mu=0,1.6,-1.4,-0.8,1.4,-0.8&sigma=0.4,0.4,0.4,0.4,0.4,0.4&icu.alpha=1',
  },
];

/** The URL of a sandbox preset (relative to the app's page). */
export const presetHref = (p: SandboxPreset): string => `?mode=sandbox&preset=${p.id}`;

/** A list of numbers from a URL value, or null if any is not a number. */
function numbers(raw: string): number[] | null {
  const v = raw.split(',').map((t) => (t.trim() === '' ? NaN : Number(t)));
  return v.every(Number.isFinite) ? v : null;
}

/** The sandbox's state from a URL query, every invalid value corrected with a notice that names it. */
export function stateFromQuery(search: string): { state: SandboxState; notices: string[] } {
  const notices: string[] = [];
  const take = <V>(c: Corrected<V>): V => {
    if (c.notice) notices.push(c.notice);
    return c.value;
  };
  const q = expandPreset(new URLSearchParams(search), notices);
  const rawHead = q.get('head');
  const head =
    rawHead === null
      ? DEFAULT_HEAD
      : take(correctChoice('head', rawHead, SANDBOX_HEADS, DEFAULT_HEAD, (v) => v as HeadId));
  const num = (name: string, r: Range, fallback: number) => {
    const raw = q.get(name);
    return raw === null ? fallback : take(correctNumber(name, raw, r, fallback));
  };
  // Without k, the means say how many classes there are.
  const muCount = Math.round((q.get('mu')?.split(',').length ?? 6) / 2);
  const k = num('k', LIMITS.k, Math.min(LIMITS.k.max, Math.max(LIMITS.k.min, muCount)));
  const base = defaultState(k, head);
  const hyper = { ...base.hyper };
  for (const name of new Set(q.keys())) {
    const dot = name.indexOf('.');
    if (PARAMS.includes(name)) continue;
    if (dot < 0 || !isHeadId(name.slice(0, dot))) notices.push(`unknown parameter ${quote(name)} ignored`);
    else if (name.slice(0, dot) !== head || !Object.hasOwn(hyper, name.slice(dot + 1)))
      notices.push(`${quote(name)} ignored (${head}'s hyper-parameters: ${Object.keys(hyper).join(', ') || 'none'})`);
  }
  for (const name of Object.keys(hyper)) {
    const key = `${head}.${name}`,
      raw = q.get(key),
      spec = hyperSpecOf(head, name);
    if (raw === null || !spec) continue;
    hyper[name] =
      spec.kind === 'number'
        ? take(correctNumber(key, raw, spec, spec.default))
        : take(
            correctChoice(
              key,
              raw,
              spec.options.map(String),
              spec.default,
              (v) => spec.options.find((o) => String(o) === v) ?? spec.default,
            ),
          );
  }
  /** `count` numbers, the i-th in range(i); a wrong count falls back to the defaults, a bad value to its default, each with a notice. */
  const list = (name: string, count: number, what: string, range: (i: number) => Range, fallback: number[]) => {
    const raw = q.get(name);
    if (raw === null) return fallback;
    const v = numbers(raw);
    if (!v || v.length !== count) {
      notices.push(`${name}=${quote(raw)} is not ${count} comma-separated numbers (${what}); using the defaults`);
      return fallback;
    }
    return v.map((x, i) => take(correctNumber(`${name}[${i}]`, String(x), range(i), fallback[i]!)));
  };
  const per = sigmaCount(head, hyper, k);
  const means = list('mu', 2 * k, `x, y of ${k} classes`, () => LIMITS.coord, base.means);
  const ownSigmas = (sigmas: number[]) => sigmas.filter((_, i) => per === 2 || i % 2 === 0);
  const given = list('sigma', per * k, `${per} per class, ${k} classes`, () => LIMITS.sigma, ownSigmas(base.sigmas));
  if (per === 0 && q.has('sigma')) notices.push(`sigma ignored: ${head} with these settings has no σ of its own`);
  const sigmas = per === 2 ? given : per === 1 ? given.flatMap((v) => [v, v]) : base.sigmas;
  const dataRange = (i: number) => (i % 4 < 2 ? LIMITS.coord : LIMITS.sigma);
  const data = list('data', 4 * k, `x, y, σx, σy of ${k} classes`, dataRange, dataOf(means, sigmas));
  const probe = list('probe', 2, 'x, y', () => LIMITS.coord, [...base.probe]);
  const state: SandboxState = {
    head,
    hyper,
    means,
    sigmas,
    data,
    perClass: num('n', LIMITS.perClass, base.perClass),
    seed: num('seed', LIMITS.seed, base.seed),
    probe: [probe[0]!, probe[1]!],
    probeClass: num('probeClass', { min: 0, max: k - 1, integer: true, zeroAllowed: false }, 0),
    lr: num('lr', LIMITS.lr, base.lr),
  };
  return { state, notices };
}

/** Expands `preset=<id>`: the preset's parameters, then the URL's others over them. */
function expandPreset(q: URLSearchParams, notices: string[]): URLSearchParams {
  const id = q.get('preset');
  if (id === null) return q;
  const preset = SANDBOX_PRESETS.find((p) => p.id === id);
  if (!preset)
    notices.push(`preset=${quote(id)} is not one of ${SANDBOX_PRESETS.map((p) => p.id).join(', ')}; ignored`);
  const out = new URLSearchParams(preset?.query ?? '');
  q.forEach((v, name) => {
    if (name !== 'preset') out.set(name, v);
  });
  return out;
}

/** The URL query of a state (`?mode=sandbox&…`): every setting, handle and the sample's source. */
export function stateToQuery(s: SandboxState): string {
  const per = sigmaCount(s.head, s.hyper, classCount(s));
  const q = new URLSearchParams({ mode: 'sandbox', head: s.head, k: String(classCount(s)) });
  for (const [name, v] of Object.entries(s.hyper)) q.set(`${s.head}.${name}`, String(v));
  q.set('mu', s.means.join(','));
  if (per > 0) q.set('sigma', s.sigmas.filter((_, i) => per === 2 || i % 2 === 0).join(','));
  q.set('data', s.data.join(','));
  q.set('n', String(s.perClass));
  q.set('seed', String(s.seed));
  q.set('probe', s.probe.join(','));
  q.set('probeClass', String(s.probeClass));
  q.set('lr', String(s.lr));
  // Commas and dots read better unescaped; URLSearchParams escapes commas.
  return `?${q.toString().replace(/%2C/g, ',')}`;
}
