import { describe, expect, it } from 'vitest';
import { defaultHyper } from '../../loss/heads';
import { chooseNetwork, DEFAULT_CONFIG, headKey, headLabel, type RunConfig } from './config';
import { parseToWorker, ProtocolError, settingError, validateConfig } from './validate';

const start = (config: unknown) => ({ type: 'start', runId: 1, config, dataUrl: 'http://x/data/' });
const icu = { id: 'icu', hyper: defaultHyper('icu') } as const;

describe('parseToWorker', () => {
  it('accepts every well-formed message', () => {
    for (const type of ['play', 'pause', 'step'] as const) expect(parseToWorker({ type })).toEqual({ type });
    expect(parseToWorker(start(DEFAULT_CONFIG))).toEqual({
      ...start(DEFAULT_CONFIG),
      excludeBackends: [],
      resume: undefined,
    });
    expect(parseToWorker({ type: 'setHyper', head: 0, name: 'alpha', value: 0.1 })).toEqual({
      type: 'setHyper',
      head: 0,
      name: 'alpha',
      value: 0.1,
    });
    expect(parseToWorker({ type: 'setLearningRate', value: 0.001 })).toEqual({ type: 'setLearningRate', value: 0.001 });
    expect(parseToWorker({ type: 'setStepDelay', ms: 250 })).toEqual({ type: 'setStepDelay', ms: 250 });
    expect(parseToWorker({ type: 'setFeatureMode', mode: 'train' })).toEqual({ type: 'setFeatureMode', mode: 'train' });
    expect(parseToWorker({ type: 'requestFrame', points: 10_000 })).toEqual({ type: 'requestFrame', points: 10_000 });
  });

  it.each([
    [null, 'message must be an object'],
    [{ type: 'explode' }, 'unknown message type "explode"'],
    [{ type: 'start', runId: 1.5, config: DEFAULT_CONFIG, dataUrl: 'u' }, 'integer runId'],
    [{ type: 'start', runId: 1, config: DEFAULT_CONFIG }, 'dataUrl'],
    [start('nope'), 'config must be an object'],
    [{ ...start(DEFAULT_CONFIG), excludeBackends: ['tpu'] }, 'excludeBackends'],
    [{ ...start(DEFAULT_CONFIG), resume: { learners: [] } }, 'one learner per head'],
    [{ type: 'setLearningRate', value: -1 }, 'learningRate must be between'],
    [{ type: 'setStepDelay', ms: 1e9 }, 'step delay must be between 0 and 5000 ms'],
    [{ type: 'setHyper', head: 0, name: 'alpha', value: null }, 'a number or a choice'],
    [{ type: 'requestFrame', points: 0 }, 'requestFrame needs 1 to 60000 points'],
  ])('refuses %j', (msg, why) => {
    expect(() => parseToWorker(msg)).toThrow(ProtocolError);
    expect(() => parseToWorker(msg)).toThrow(why);
  });
});

describe('validateConfig', () => {
  it.each<[Partial<Record<keyof RunConfig, unknown>>, string]>([
    [{ batchSize: -1 }, 'batchSize must be between 0 and 1024'],
    [{ batchSize: 2.5 }, 'batchSize must be a whole number'],
    [{ learningRate: Number.NaN }, 'learningRate must be a finite number'],
    [{ trainSize: 60_001 }, 'trainSize must be between 1 and 60000'],
    [{ imbalance: 500 }, 'imbalance must be between 1 and 200'],
    [{ heads: [] }, 'a run trains 1 to 5 heads'],
    [{ heads: [icu, icu, icu, icu, icu, icu] }, 'a run trains 1 to 5 heads'],
    [{ heads: [{ id: 'arcface', hyper: {} }] }, 'unknown loss head "arcface"'],
    [{ heads: [{ id: 'icu', hyper: { ...icu.hyper, gamma: -1 } }] }, 'icu: γ must be between'],
    [{ backend: 'tpu' }, 'unknown backend "tpu"'],
    [{ imbalanceOrder: 'sideways' }, 'imbalanceOrder'],
    [{ autoplay: 'yes' }, 'autoplay must be true or false'],
    [{ schedule: { kind: 'step', factor: 5, everyEpochs: 1 } }, 'step schedule needs factor'],
    [{ featureMode: 'both' }, 'featureMode must be eval or train'],
  ])('refuses %j', (patch, why) => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, ...patch })).toThrow(why);
  });

  it('passes valid configurations through unchanged', () => {
    expect(validateConfig({ ...DEFAULT_CONFIG })).toEqual(DEFAULT_CONFIG);
    const compare = { ...DEFAULT_CONFIG, heads: [{ id: 'softmax', hyper: {} }, icu] };
    expect(validateConfig(compare)).toEqual(compare);
    expect(settingError('weightDecay', 0)).toBeNull();
  });
});

describe('the network of a run', () => {
  it('is the one asked for, else paper on a hardware GPU and lite elsewhere, with the reason', () => {
    expect(chooseNetwork('paper', 'wasm', false)).toEqual({ network: 'paper', reason: 'chosen' });
    expect(chooseNetwork('lite', 'webgpu', true).network).toBe('lite');
    expect(chooseNetwork('auto', 'webgpu', true)).toEqual({
      network: 'paper',
      reason: 'automatic: webgpu on a hardware GPU',
    });
    expect(chooseNetwork('auto', 'webgl', false).network).toBe('lite');
    expect(chooseNetwork('auto', 'wasm', false).reason).toMatch(/^automatic: no hardware GPU \(wasm\)/);
  });

  it('is refused in a config unless auto, paper or lite', () => {
    expect(() => validateConfig({ ...DEFAULT_CONFIG, network: 'resnet' })).toThrow(
      'network must be one of auto, paper, lite',
    );
  });
});

describe('embedDigit', () => {
  it('takes a 28×28 byte image and refuses anything else, saying what it needs', () => {
    const pixels = new Uint8Array(784);
    expect(parseToWorker({ type: 'embedDigit', pixels })).toEqual({ type: 'embedDigit', pixels });
    for (const bad of [new Uint8Array(783), new Float32Array(784), [1, 2, 3], undefined])
      expect(() => parseToWorker({ type: 'embedDigit', pixels: bad })).toThrow(
        'embedDigit needs a 784-byte image (28×28)',
      );
  });
});

describe('a head twice, and forks', () => {
  const twice = (second: object): RunConfig => ({ ...DEFAULT_CONFIG, heads: [icu, { ...icu, ...second }] as never });

  it('accepts a fork of an earlier head of its kind, and refuses one without it or without a whole step', () => {
    expect(() => validateConfig(twice({ fork: { step: 5 } }))).not.toThrow();
    expect(() => validateConfig({ ...DEFAULT_CONFIG, heads: [{ ...icu, fork: { step: 5 } }] })).toThrow(
      'icu: a fork needs an earlier icu head to branch off',
    );
    expect(() => validateConfig(twice({ fork: { step: 1.5 } }))).toThrow('icu: a fork needs a whole step ≥ 0');
    expect(() => validateConfig(twice({ fork: 'soon' }))).toThrow('icu: a fork needs a whole step ≥ 0');
    expect(() => validateConfig(twice({ fork: { step: 5 }, learningRate: 0.001 }))).not.toThrow();
    expect(() => validateConfig(twice({ learningRate: 0.001 }))).toThrow(
      'icu: only a fork has a learning rate of its own',
    );
    expect(() => validateConfig(twice({ fork: { step: 5 }, learningRate: 0 }))).toThrow(
      'icu: learningRate must be between',
    );
  });

  it('names heads of a kind that runs twice by what differs, else by number; a kind that runs once plainly', () => {
    const forked = twice({ hyper: { ...icu.hyper, alpha: 0.1, gamma: 0.01 }, fork: { step: 1500 } });
    expect(forked.heads.map((_, i) => headLabel(forked.heads, i))).toEqual([
      'ICU · α = 0.0001, γ = 0.001',
      'ICU · α = 0.1, γ = 0.01, forked at step 1,500',
    ]);
    expect(forked.heads.map((_, i) => headKey(forked.heads, i))).toEqual(['icu 1', 'icu 2']);
    const same = twice({});
    expect(same.heads.map((_, i) => headLabel(same.heads, i))).toEqual(['ICU · 1', 'ICU · 2']);
    expect(headLabel(DEFAULT_CONFIG.heads, 0)).toBe('Softmax');
    expect(headKey(DEFAULT_CONFIG.heads, 0)).toBe('softmax');
  });
});
