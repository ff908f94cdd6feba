import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from './config';
import { parseToWorker, ProtocolError, settingError, validateConfig } from './validate';

const start = (config: unknown) => ({ type: 'start', runId: 1, config, dataUrl: 'http://x/data/' });

describe('parseToWorker', () => {
  it('accepts every well-formed message', () => {
    for (const type of ['play', 'pause', 'step'] as const) expect(parseToWorker({ type })).toEqual({ type });
    expect(parseToWorker(start(DEFAULT_CONFIG))).toEqual(start(DEFAULT_CONFIG));
  });

  it.each([
    [null, 'message must be an object'],
    [{ type: 'explode' }, 'unknown message type "explode"'],
    [{ type: 'start', runId: 1.5, config: DEFAULT_CONFIG, dataUrl: 'u' }, 'integer runId'],
    [{ type: 'start', runId: 1, config: DEFAULT_CONFIG }, 'dataUrl'],
    [start('nope'), 'config must be an object'],
  ])('refuses %j', (msg, why) => {
    expect(() => parseToWorker(msg)).toThrow(ProtocolError);
    expect(() => parseToWorker(msg)).toThrow(why);
  });
});

describe('validateConfig', () => {
  it.each([
    [{ batchSize: 0 }, 'batchSize must be between 1 and 1024'],
    [{ batchSize: 2.5 }, 'batchSize must be a whole number'],
    [{ learningRate: Number.NaN }, 'learningRate must be a finite number'],
    [{ trainSize: 60_001 }, 'trainSize must be between 1 and 60000'],
    [{ head: 'arcface' }, 'unknown loss head "arcface"'],
    [{ backend: 'tpu' }, 'unknown backend "tpu"'],
    [{ autoplay: 'yes' }, 'autoplay must be true or false'],
  ])('refuses %j', (patch, why) => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, ...patch })).toThrow(why);
  });

  it('passes the defaults through unchanged', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG })).toEqual(DEFAULT_CONFIG);
    expect(settingError('weightDecay', 0)).toBeNull();
  });
});
