import { isHeadId } from '../../loss/heads';
import { BACKENDS, LIMITS, type BackendRequest, type NumericSetting, type RunConfig } from './config';
import type { ToWorker } from './protocol';

/** A message that does not match the protocol; the worker refuses it and reports this. */
export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

type Fields = Record<string, unknown>;

function isObject(v: unknown): v is Fields {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a numeric setting is invalid, or null. */
export function settingError(name: NumericSetting, value: unknown): string | null {
  const { min, max, integer } = LIMITS[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} must be a finite number`;
  if (integer && !Number.isInteger(value)) return `${name} must be a whole number`;
  if (value < min || value > max) return `${name} must be between ${min} and ${max}`;
  return null;
}

function isBackendRequest(v: unknown): v is BackendRequest {
  return v === 'auto' || (BACKENDS as readonly unknown[]).includes(v);
}

/** Checks every field of a run configuration; throws a ProtocolError naming the first bad one. */
export function validateConfig(raw: unknown): RunConfig {
  if (!isObject(raw)) throw new ProtocolError('config must be an object');
  for (const name of Object.keys(LIMITS) as NumericSetting[]) {
    const error = settingError(name, raw[name]);
    if (error) throw new ProtocolError(error);
  }
  if (!isHeadId(raw.head)) throw new ProtocolError(`unknown loss head ${JSON.stringify(raw.head)}`);
  if (!isBackendRequest(raw.backend)) throw new ProtocolError(`unknown backend ${JSON.stringify(raw.backend)}`);
  if (typeof raw.autoplay !== 'boolean') throw new ProtocolError('autoplay must be true or false');
  return raw as unknown as RunConfig;
}

/** Turns a received message into a typed one, or throws a ProtocolError saying what is wrong. */
export function parseToWorker(data: unknown): ToWorker {
  if (!isObject(data) || typeof data.type !== 'string') throw new ProtocolError('message must be an object with a type');
  switch (data.type) {
    case 'play':
    case 'pause':
    case 'step':
      return { type: data.type };
    case 'start': {
      if (!Number.isInteger(data.runId)) throw new ProtocolError('start needs an integer runId');
      if (typeof data.dataUrl !== 'string' || data.dataUrl === '') throw new ProtocolError('start needs a dataUrl');
      return { type: 'start', runId: data.runId as number, config: validateConfig(data.config), dataUrl: data.dataUrl };
    }
    default:
      throw new ProtocolError(`unknown message type ${JSON.stringify(data.type)}`);
  }
}
