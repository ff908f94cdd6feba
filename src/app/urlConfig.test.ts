import { describe, expect, it } from 'vitest';
import { defaultHyper } from '../loss/hyperDefaults';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';
import { configFromUrl, configToUrl } from './urlConfig';

describe('configFromUrl', () => {
  it('gives the defaults for an empty query', () => {
    expect(configFromUrl('')).toEqual({ config: DEFAULT_CONFIG, notices: [] });
  });

  it('applies every valid parameter', () => {
    const { config, notices } = configFromUrl('?train=512&test=1000&batch=32&lr=0.001&wd=0&seed=9&backend=cpu&head=icu&icu.alpha=0.1&icu.cov=iso&imbalance=50&order=ascending&points=300&schedule=step:0.1:3&features=train&autoplay=0');
    expect(notices).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG, trainSize: 512, testSize: 1000, batchSize: 32, learningRate: 0.001, weightDecay: 0, seed: 9,
      backend: 'cpu', heads: [{ id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.1, cov: 'iso' } }],
      imbalance: 50, imbalanceOrder: 'ascending', frameTrainPoints: 300, autoplay: false,
      schedule: { kind: 'step', factor: 0.1, everyEpochs: 3 }, featureMode: 'train',
    });
  });

  it('reads compare mode with several heads', () => {
    const { config } = configFromUrl('?heads=softmax,center,lgm,icu&lgm.alpha=0.5');
    expect(config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(config.heads[2]!.hyper).toEqual({ ...defaultHyper('lgm'), alpha: 0.5 });
  });

  it('corrects invalid values to the nearest valid one, with a notice for each', () => {
    const { config, notices } = configFromUrl('?train=999999&batch=0&lr=abc&backend=tpu&heads=icu,arcface&icu.gamma=99&icu.cov=full&schedule=cosine:0&features=both');
    expect(config.trainSize).toBe(60_000);
    expect(config.batchSize).toBe(1);
    expect(config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(config.backend).toBe('auto');
    expect(config.heads).toEqual([{ id: 'icu', hyper: { ...defaultHyper('icu'), gamma: 10 } }]);
    expect(notices).toEqual([
      'subset size 999999 is more than the 60000 available; using 60000',
      'batch=0 is out of range (1–1024); using 1',
      'lr=abc is not a number; using 0.01',
      'backend=tpu is not one of auto, webgpu, webgl, wasm, cpu; using auto',
      'features=both is not one of eval, train; using eval',
      'schedule=cosine:0: cosine schedule needs epochs in [0.01, 1000] and minFactor in [0, 1]; using constant',
      'unknown loss head arcface ignored (heads: softmax, center, lsoftmax, lgm, icu)',
      'icu.gamma=99 is out of range (0 or 0.000001–10); using 10',
      'icu.cov=full is not one of diag, iso; using diag',
    ]);
  });
});

describe('configToUrl', () => {
  it('writes only what differs from the defaults, and reads back the same configuration', () => {
    expect(configToUrl(DEFAULT_CONFIG)).toBe('');
    const config: RunConfig = {
      ...DEFAULT_CONFIG, trainSize: 512, seed: 3, imbalance: 10, autoplay: false, schedule: { kind: 'cosine', epochs: 10, minFactor: 0.01 },
      heads: [{ id: 'softmax', hyper: {} }, { id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.5 } }],
    };
    const url = configToUrl(config);
    expect(url).toBe('?heads=softmax%2Cicu&icu.alpha=0.5&train=512&seed=3&imbalance=10&schedule=cosine%3A10%3A0.01&autoplay=0');
    expect(configFromUrl(url)).toEqual({ config, notices: [] });
  });
});
