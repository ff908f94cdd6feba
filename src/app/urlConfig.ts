import { parseSubsetSize } from '../data/subset';
import { HEAD_IDS, isHeadId } from '../loss/heads';
import {
  BACKENDS, DEFAULT_CONFIG, LIMITS, MNIST_TEST_COUNT, MNIST_TRAIN_COUNT,
  type BackendRequest, type NumericSetting, type RunConfig,
} from '../trainer/shared/config';

/** URL parameter of each numeric setting (subset sizes are parsed by the data layer). */
const NUMERIC_PARAMS: [string, Exclude<NumericSetting, 'trainSize' | 'testSize'>][] = [
  ['seed', 'seed'], ['batch', 'batchSize'], ['lr', 'learningRate'], ['wd', 'weightDecay'],
];

/** A numeric URL value corrected to the nearest valid one, with a notice when corrected. */
function numberParam(name: string, raw: string, setting: NumericSetting, fallback: number): { value: number; notice?: string } {
  const { min, max, integer } = LIMITS[setting];
  const asked = raw.trim() === '' ? NaN : Number(raw);
  if (!Number.isFinite(asked)) return { value: fallback, notice: `${name}=${raw} is not a number; using ${fallback}` };
  const value = Math.min(max, Math.max(min, integer ? Math.round(asked) : asked));
  return value === asked ? { value } : { value, notice: `${name}=${raw} is out of range (${min}–${max}); using ${value}` };
}

function choiceParam<T extends string>(name: string, raw: string, ok: (v: string) => v is T, options: readonly string[], fallback: T) {
  return ok(raw) ? { value: raw } : { value: fallback, notice: `${name}=${raw} is not one of ${options.join(', ')}; using ${fallback}` };
}

const isBackend = (v: string): v is BackendRequest => v === 'auto' || (BACKENDS as readonly string[]).includes(v);

/** The run configuration a URL asks for; invalid values are corrected, each with a notice. */
export function configFromUrl(search: string): { config: RunConfig; notices: string[] } {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const take = <V>(r: { value: V; notice?: string }): V => { if (r.notice) notices.push(r.notice); return r.value; };
  const config: RunConfig = { ...DEFAULT_CONFIG };
  const get = (k: string) => q.get(k);
  if (get('train') !== null) config.trainSize = take(parseSubsetSize(get('train'), MNIST_TRAIN_COUNT));
  if (get('test') !== null) config.testSize = take(parseSubsetSize(get('test'), MNIST_TEST_COUNT));
  for (const [name, setting] of NUMERIC_PARAMS) {
    const raw = get(name);
    if (raw !== null) config[setting] = take(numberParam(name, raw, setting, DEFAULT_CONFIG[setting]));
  }
  const backend = get('backend');
  if (backend !== null) config.backend = take(choiceParam('backend', backend, isBackend, ['auto', ...BACKENDS], DEFAULT_CONFIG.backend));
  const head = get('head');
  if (head !== null) config.head = take(choiceParam('head', head, (v): v is RunConfig['head'] => isHeadId(v), HEAD_IDS, DEFAULT_CONFIG.head));
  const play = get('autoplay');
  if (play !== null) config.autoplay = !['0', 'false', 'no'].includes(play);
  return { config, notices };
}
