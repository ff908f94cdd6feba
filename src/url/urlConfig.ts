import { defaultHyper, HEAD_IDS, hyperSpecOf, isHeadId, type HeadId } from '../loss/heads';
import {
  BACKENDS,
  DEFAULT_CONFIG,
  LIMITS,
  MAX_HEADS,
  NETWORK_REQUESTS,
  occurrence,
  repeated,
  type BackendRequest,
  type HeadSetup,
  type NumericSetting,
  type RunConfig,
} from '../trainer/shared/config';
import type { ViewState } from '../store/view';
import { correctChoice, correctFlag, correctNumber, quote, type Corrected } from './correct';
import { expandPreset } from '../components/controls/presets';
import { scheduleFromParam, scheduleToParam } from './scheduleParam';
import { unknownParams, type UrlParam } from './urlSchema';
import { viewFromUrl, viewToUrl } from './urlView';

/** URL parameter of each numeric setting. */
const NUMERIC_PARAMS: [UrlParam, NumericSetting][] = [
  ['train', 'trainSize'],
  ['test', 'testSize'],
  ['seed', 'seed'],
  ['batch', 'batchSize'],
  ['lr', 'learningRate'],
  ['wd', 'weightDecay'],
  ['imbalance', 'imbalance'],
  ['points', 'frameTrainPoints'],
  ['threads', 'wasmThreads'],
];

const isBackend = (v: string): v is BackendRequest => v === 'auto' || (BACKENDS as readonly string[]).includes(v);

/** Heads from `heads=a,b` (compare mode) or `head=a`; unknown names are dropped with a notice. A head may run twice (`heads=icu,icu`), told apart by its settings. */
function parseHeads(raw: string | null, take: <V>(r: Corrected<V>) => V): HeadId[] {
  if (raw === null) return DEFAULT_CONFIG.heads.map((h) => h.id);
  const asked = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const dropped = asked.filter((s) => !isHeadId(s)).map(quote);
  if (dropped.length)
    take({ value: 0, notice: `unknown loss head ${dropped.join(', ')} ignored (heads: ${HEAD_IDS.join(', ')})` });
  const known = asked.filter(isHeadId);
  const ids = known.slice(0, MAX_HEADS);
  if (known.length > MAX_HEADS)
    take({
      value: 0,
      notice: `at most ${MAX_HEADS} heads train side by side; using the first ${MAX_HEADS}: ${ids.join(', ')}`,
    });
  return ids.length ? ids : [DEFAULT_CONFIG.heads[0]!.id];
}

/**
 * A head's hyper-parameters from `<head>.<name>=value` (every head of that kind) and
 * `<head>.<n>.<name>=value` (the n-th, when a kind runs twice), each corrected into its valid
 * range; and a fork's step from `<head>.<n>.fork=step` (n ≥ 2: it branches off the first).
 */
function parseHead(
  heads: readonly HeadId[],
  i: number,
  q: URLSearchParams,
  take: <V>(r: Corrected<V>) => V,
): HeadSetup {
  const id = heads[i]!,
    n = heads.slice(0, i + 1).filter((h) => h === id).length,
    own = `${id}.${n}.`;
  const hyper: Record<string, number | string> = { ...defaultHyper(id) };
  for (const name of Object.keys(hyper)) {
    const key = q.has(own + name) ? own + name : `${id}.${name}`;
    const raw = q.get(key);
    const spec = hyperSpecOf(id, name);
    if (raw === null || !spec) continue;
    hyper[name] =
      spec.kind === 'number'
        ? take(correctNumber(key, raw, spec, spec.default))
        : take(
            correctChoice(key, raw, spec.options.map(String), String(spec.default), (v) =>
              spec.options.find((o) => String(o) === v)!,
            ),
          );
  }
  const [fork, lr] = [q.get(`${own}fork`), q.get(`${own}lr`)];
  if (fork === null || n < 2) {
    if (fork !== null) take({ value: 0, notice: `${own}fork ignored: a fork branches off an earlier ${id} head` });
    if (lr !== null) take({ value: 0, notice: `${own}lr ignored: only a fork has a learning rate of its own` });
    return { id, hyper } as HeadSetup;
  }
  const step = take(
    correctNumber(`${own}fork`, fork, { min: 0, max: 2 ** 31 - 1, integer: true, zeroAllowed: true }, 0),
  );
  const range = { ...LIMITS.learningRate, zeroAllowed: false };
  const rate =
    lr === null ? {} : { learningRate: take(correctNumber(`${own}lr`, lr, range, DEFAULT_CONFIG.learningRate)) };
  return { id, hyper, fork: { step }, ...rate } as HeadSetup;
}

/** The run configuration a URL asks for; invalid values are corrected to the nearest valid one, each with a notice. */
export function configFromUrl(search: string): { config: RunConfig; notices: string[] } {
  const params = new URLSearchParams(search);
  const q = { get: (name: UrlParam) => params.get(name) };
  const notices: string[] = [];
  const take = <V>(r: Corrected<V>): V => {
    if (r.notice) notices.push(r.notice);
    return r.value;
  };
  const config: RunConfig = { ...DEFAULT_CONFIG };
  for (const [name, setting] of NUMERIC_PARAMS) {
    const raw = q.get(name);
    if (raw !== null)
      config[setting] = take(
        correctNumber(name, raw, { ...LIMITS[setting], zeroAllowed: false }, DEFAULT_CONFIG[setting]),
      );
  }
  const backend = q.get('backend');
  if (backend !== null)
    config.backend = take(
      correctChoice('backend', backend, ['auto', ...BACKENDS], DEFAULT_CONFIG.backend, (v) =>
        isBackend(v) ? v : 'auto',
      ),
    );
  const arch = q.get('arch');
  if (arch !== null)
    config.network = take(
      correctChoice(
        'arch',
        arch,
        [...NETWORK_REQUESTS],
        DEFAULT_CONFIG.network,
        (v) => NETWORK_REQUESTS.find((n) => n === v) ?? 'auto',
      ),
    );
  const order = q.get('order');
  if (order !== null)
    config.imbalanceOrder = take(
      correctChoice('order', order, ['descending', 'ascending'], DEFAULT_CONFIG.imbalanceOrder, (v) =>
        v === 'ascending' ? 'ascending' : 'descending',
      ),
    );
  const features = q.get('features');
  if (features !== null)
    config.featureMode = take(
      correctChoice('features', features, ['eval', 'train'], DEFAULT_CONFIG.featureMode, (v) =>
        v === 'train' ? 'train' : 'eval',
      ),
    );
  const schedule = q.get('schedule');
  if (schedule !== null) config.schedule = take(scheduleFromParam(schedule));
  const ids = parseHeads(q.get('heads') ?? q.get('head'), take);
  config.heads = ids.map((_, i) => parseHead(ids, i, params, take));
  const play = q.get('autoplay');
  if (play !== null) config.autoplay = take(correctFlag('autoplay', play, DEFAULT_CONFIG.autoplay));
  return { config, notices };
}

/** The URL query of a configuration: only what differs from the defaults, so links stay short. */
export function configToUrl(config: RunConfig): string {
  const q = new URLSearchParams();
  const ids = config.heads.map((h) => h.id);
  if (ids.join() !== DEFAULT_CONFIG.heads.map((h) => h.id).join())
    q.set(ids.length > 1 ? 'heads' : 'head', ids.join(','));
  config.heads.forEach((h, i) => {
    const defaults: Record<string, unknown> = defaultHyper(h.id);
    const prefix = repeated(config.heads, i) ? `${h.id}.${occurrence(config.heads, i)}.` : `${h.id}.`;
    for (const [name, value] of Object.entries(h.hyper))
      if (defaults[name] !== value) q.set(prefix + name, String(value));
    if (h.fork) q.set(`${prefix}fork`, String(h.fork.step));
    if (h.learningRate !== undefined) q.set(`${prefix}lr`, String(h.learningRate));
  });
  for (const [name, setting] of NUMERIC_PARAMS)
    if (config[setting] !== DEFAULT_CONFIG[setting]) q.set(name, String(config[setting]));
  if (config.backend !== DEFAULT_CONFIG.backend) q.set('backend', config.backend);
  if (config.network !== DEFAULT_CONFIG.network) q.set('arch', config.network);
  if (config.imbalanceOrder !== DEFAULT_CONFIG.imbalanceOrder) q.set('order', config.imbalanceOrder);
  if (config.schedule.kind !== 'constant') q.set('schedule', scheduleToParam(config.schedule));
  if (config.featureMode !== DEFAULT_CONFIG.featureMode) q.set('features', config.featureMode);
  if (!config.autoplay) q.set('autoplay', '0');
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The run and the view a URL asks for (a `preset=` expanded first); each corrected value gets a notice. */
export function stateFromUrl(search: string): { config: RunConfig; view: ViewState; notices: string[] } {
  const notices: string[] = [];
  const take = <V>(r: Corrected<V>): V => {
    if (r.notice) notices.push(r.notice);
    return r.value;
  };
  const asked = new URLSearchParams(search);
  notices.push(...unknownParams(asked));
  const q = take(expandPreset(asked));
  const run = configFromUrl(q.toString());
  notices.push(...run.notices);
  return { config: run.config, view: viewFromUrl(q, run.config.heads.length, take), notices };
}

/** The URL query of a run and its view: only what differs from the defaults. */
export function stateToUrl(config: RunConfig, view: ViewState): string {
  const q = new URLSearchParams(configToUrl(config));
  viewToUrl(view, q);
  const s = q.toString();
  return s ? `?${s}` : '';
}
