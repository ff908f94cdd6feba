import { hyperErrors, isHeadId, type HeadHyper } from '../../loss/heads';
import {
  BACKENDS,
  LIMITS,
  MAX_HEADS,
  MNIST_TRAIN_COUNT,
  NETWORK_REQUESTS,
  STEP_DELAY_LIMITS,
  type BackendName,
  type BackendRequest,
  firstOfKind,
  type HeadSetup,
  type NumericSetting,
  type RunConfig,
} from './config';
import type { StartMsg, ToWorker } from './protocol';
import type { RunSnapshot } from './runSnapshot';
import { scheduleError } from './schedule';
import { IMAGE_SIZE } from '../../data/idx';

/** A message that does not match the protocol; the worker refuses it and reports this. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

type Fields = Record<string, unknown>;

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function check(ok: boolean, why: string): asserts ok {
  if (!ok) throw new ProtocolError(why);
}

/** Why a numeric setting is invalid, or null. */
export function settingError(name: NumericSetting, value: unknown): string | null {
  const { min, max, integer } = LIMITS[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
  if (integer && !Number.isInteger(value)) return `${name} must be a whole number`;
  if (value < min || value > max) return `${name} must be between ${min} and ${max}`;
  return null;
}

const isBackend = (v: unknown): v is BackendName => (BACKENDS as readonly unknown[]).includes(v);
const isBackendRequest = (v: unknown): v is BackendRequest => v === 'auto' || isBackend(v);

/** Checks one head's id and every hyper-parameter against the registry. */
export function validateHead(raw: unknown): HeadSetup {
  check(isObject(raw) && isHeadId(raw.id), `unknown loss head ${JSON.stringify(isObject(raw) ? raw.id : raw)}`);
  check(isObject(raw.hyper), `${raw.id}: hyper-parameters must be an object`);
  const errors = hyperErrors(raw.id, raw.hyper as unknown as HeadHyper[typeof raw.id]);
  check(errors.length === 0, `${raw.id}: ${errors.join('; ')}`);
  return raw as unknown as HeadSetup;
}

/** Checks every field of a run configuration; throws a ProtocolError naming the first bad one. */
export function validateConfig(raw: unknown): RunConfig {
  check(isObject(raw), 'config must be an object');
  for (const name of Object.keys(LIMITS) as NumericSetting[]) {
    const error = settingError(name, raw[name]);
    check(error === null, error ?? '');
  }
  check(
    Array.isArray(raw.heads) && raw.heads.length >= 1 && raw.heads.length <= MAX_HEADS,
    `a run trains 1 to ${MAX_HEADS} heads`,
  );
  const heads = (raw.heads as unknown[]).map(validateHead);
  heads.forEach((h, i) => {
    if (h.fork === undefined) return;
    check(
      isObject(h.fork) && Number.isInteger(h.fork.step) && h.fork.step >= 0,
      `${h.id}: a fork needs a whole step ≥ 0`,
    );
    check(firstOfKind(heads, i) < i, `${h.id}: a fork needs an earlier ${h.id} head to branch off`);
  });
  heads.forEach((h) => {
    if (h.learningRate === undefined) return;
    check(h.fork !== undefined, `${h.id}: only a fork has a learning rate of its own`);
    const error = settingError('learningRate', h.learningRate);
    check(error === null, `${h.id}: ${error}`);
  });
  check(isBackendRequest(raw.backend), `unknown backend ${JSON.stringify(raw.backend)}`);
  check(
    (NETWORK_REQUESTS as readonly unknown[]).includes(raw.network),
    `network must be one of ${NETWORK_REQUESTS.join(', ')}`,
  );
  check(
    raw.imbalanceOrder === 'descending' || raw.imbalanceOrder === 'ascending',
    'imbalanceOrder must be descending or ascending',
  );
  check(typeof raw.autoplay === 'boolean', 'autoplay must be true or false');
  check(raw.featureMode === 'eval' || raw.featureMode === 'train', 'featureMode must be eval or train');
  const scheduleProblem = scheduleError(raw.schedule);
  check(scheduleProblem === null, scheduleProblem ?? '');
  return raw as unknown as RunConfig;
}

/** A resume snapshot's outline (its arrays are checked when restored). */
function validateSnapshot(raw: unknown, heads: number): RunSnapshot {
  check(
    isObject(raw) && Array.isArray(raw.learners) && raw.learners.length === heads,
    'resume snapshot must hold one learner per head',
  );
  for (const k of ['step', 'epoch', 'batchInEpoch', 'learningRate'])
    check(Number.isFinite(raw[k]), `resume snapshot lacks ${k}`);
  check(
    NETWORK_REQUESTS.some((n) => n !== 'auto' && n === raw.network),
    'resume snapshot names no network',
  );
  return raw as unknown as RunSnapshot;
}

function parseStart(data: Fields): StartMsg {
  check(Number.isInteger(data.runId), 'start needs an integer runId');
  check(typeof data.dataUrl === 'string' && data.dataUrl !== '', 'start needs a dataUrl');
  const config = validateConfig(data.config);
  const excluded = data.excludeBackends ?? [];
  check(Array.isArray(excluded) && excluded.every(isBackend), 'excludeBackends must list backends');
  const resume = data.resume === undefined ? undefined : validateSnapshot(data.resume, config.heads.length);
  return {
    type: 'start',
    runId: data.runId as number,
    config,
    dataUrl: data.dataUrl as string,
    resume,
    excludeBackends: excluded as BackendName[],
  };
}

/** A parser for every message type: a type without one is a compile error. */
const PARSERS: { [T in ToWorker['type']]: (data: Fields) => Extract<ToWorker, { type: T }> } = {
  play: () => ({ type: 'play' }),
  pause: () => ({ type: 'pause' }),
  step: () => ({ type: 'step' }),
  start: parseStart,
  setHyper: (data) => {
    check(Number.isInteger(data.head) && typeof data.name === 'string', 'setHyper needs a head index and a name');
    check(typeof data.value === 'number' || typeof data.value === 'string', 'setHyper needs a number or a choice');
    return {
      type: 'setHyper',
      head: data.head as number,
      name: data.name as string,
      value: data.value as number | string,
    };
  },
  setLearningRate: (data) => {
    const error = settingError('learningRate', data.value);
    check(error === null, error ?? '');
    return { type: 'setLearningRate', value: data.value as number };
  },
  setStepDelay: (data) => {
    check(
      typeof data.ms === 'number' && data.ms >= STEP_DELAY_LIMITS.min && data.ms <= STEP_DELAY_LIMITS.max,
      `step delay must be between ${STEP_DELAY_LIMITS.min} and ${STEP_DELAY_LIMITS.max} ms`,
    );
    return { type: 'setStepDelay', ms: data.ms as number };
  },
  requestFrame: (data) => {
    check(
      Number.isInteger(data.points) && (data.points as number) >= 1 && (data.points as number) <= MNIST_TRAIN_COUNT,
      `requestFrame needs 1 to ${MNIST_TRAIN_COUNT} points`,
    );
    return { type: 'requestFrame', points: data.points as number };
  },
  takeSnapshot: () => ({ type: 'takeSnapshot' }),
  embedDigit: (data) => {
    check(
      data.pixels instanceof Uint8Array && data.pixels.length === IMAGE_SIZE,
      `embedDigit needs a ${IMAGE_SIZE}-byte image (28×28)`,
    );
    return { type: 'embedDigit', pixels: data.pixels };
  },
  loseDevice: () => ({ type: 'loseDevice' }),
  setFeatureMode: (data) => {
    check(data.mode === 'eval' || data.mode === 'train', 'feature mode must be eval or train');
    return { type: 'setFeatureMode', mode: data.mode };
  },
};

const isMessageType = (t: string): t is ToWorker['type'] => Object.hasOwn(PARSERS, t);

/** Turns a received message into a typed one, or throws a ProtocolError saying what is wrong. */
export function parseToWorker(data: unknown): ToWorker {
  check(isObject(data) && typeof data.type === 'string', 'message must be an object with a type');
  const type = data.type as string;
  if (!isMessageType(type)) throw new ProtocolError(`unknown message type ${JSON.stringify(type)}`);
  return PARSERS[type](data);
}
