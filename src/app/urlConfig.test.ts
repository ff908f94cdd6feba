import { describe, expect, it } from 'vitest';
import { defaultHyper } from '../loss/hyperDefaults';
import { DEFAULT_VIEW, type ViewState } from '../store/view';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';
import { configFromUrl, configToUrl, stateFromUrl, stateToUrl } from './urlConfig';

describe('configFromUrl', () => {
  it('gives the defaults for an empty query', () => {
    expect(configFromUrl('')).toEqual({ config: DEFAULT_CONFIG, notices: [] });
  });

  it('applies every valid parameter', () => {
    const { config, notices } = configFromUrl('?train=512&test=1000&batch=32&lr=0.001&wd=0&seed=9&backend=cpu&head=icu&icu.alpha=0.1&icu.cov=iso&imbalance=50&order=ascending&points=300&schedule=step:0.1:3&features=train&threads=2&autoplay=0');
    expect(notices).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG, trainSize: 512, testSize: 1000, batchSize: 32, learningRate: 0.001, weightDecay: 0, seed: 9,
      backend: 'cpu', heads: [{ id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.1, cov: 'iso' } }],
      imbalance: 50, imbalanceOrder: 'ascending', frameTrainPoints: 300, autoplay: false,
      schedule: { kind: 'step', factor: 0.1, everyEpochs: 3 }, featureMode: 'train', wasmThreads: 2,
    });
  });

  it('reads compare mode with several heads', () => {
    const { config } = configFromUrl('?heads=softmax,center,lgm,icu&lgm.alpha=0.5');
    expect(config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(config.heads[2]!.hyper).toEqual({ ...defaultHyper('lgm'), alpha: 0.5 });
  });

  it('corrects invalid values to the nearest valid one, with a notice for each', () => {
    const { config, notices } = configFromUrl('?train=999999&batch=0&lr=abc&backend=tpu&heads=icu,arcface&icu.gamma=99&icu.cov=full&schedule=cosine:0&features=both&threads=16');
    expect(config.trainSize).toBe(60_000);
    expect(config.batchSize).toBe(1);
    expect(config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(config.backend).toBe('auto');
    expect(config.wasmThreads).toBe(8);
    expect(config.heads).toEqual([{ id: 'icu', hyper: { ...defaultHyper('icu'), gamma: 10 } }]);
    expect(notices).toEqual([
      'subset size 999999 is more than the 60000 available; using 60000',
      'batch=0 is out of range (1–1024); using 1',
      'lr=abc is not a number; using 0.01',
      'threads=16 is out of range (0–8); using 8',
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
      ...DEFAULT_CONFIG, trainSize: 512, seed: 3, imbalance: 10, wasmThreads: 1, autoplay: false, schedule: { kind: 'cosine', epochs: 10, minFactor: 0.01 },
      heads: [{ id: 'softmax', hyper: {} }, { id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.5 } }],
    };
    const url = configToUrl(config);
    expect(url).toBe('?heads=softmax%2Cicu&icu.alpha=0.5&train=512&seed=3&imbalance=10&threads=1&schedule=cosine%3A10%3A0.01&autoplay=0');
    expect(configFromUrl(url)).toEqual({ config, notices: [] });
  });
});

describe('stateFromUrl and stateToUrl', () => {
  it('give the default run and view for an empty query, and write nothing for them', () => {
    expect(stateFromUrl('')).toEqual({ config: DEFAULT_CONFIG, view: DEFAULT_VIEW, notices: [] });
    expect(stateToUrl(DEFAULT_CONFIG, DEFAULT_VIEW)).toBe('');
  });

  it('read every view setting, and write back the same state', () => {
    const search = '?heads=lgm%2Cicu&train=256&ellipses=learned&sigmas=1%2C3&field=0&boundaries=0&density=1&misclassified=1'
      + '&cell=1%3A3%3A5&zoom=2%2C-0.125%2C0.3&axes=shared&draw=500&theme=dark';
    const { config, view, notices } = stateFromUrl(search);
    expect(notices).toEqual([]);
    const expected: ViewState = {
      learnedEllipses: true, empiricalEllipses: false, sigmas: [1, 3], field: false, boundaries: false, density: true,
      misclassifiedOnly: true, cell: { head: 1, truth: 3, predicted: 5 }, zoom: { k: 2, x: -0.125, y: 0.3 }, sharedAxes: true, maxPoints: 500, theme: 'dark',
    };
    expect(view).toEqual(expected);
    expect(stateToUrl(config, view)).toBe(search);
  });

  it('correct invalid view values with a notice each', () => {
    const { view, notices } = stateFromUrl('?head=icu&ellipses=learned,circles&sigmas=4&field=maybe&cell=3:1:2&zoom=900,0,0&axes=polar&draw=5&theme=sepia');
    expect(view).toEqual({ ...DEFAULT_VIEW, empiricalEllipses: false, zoom: { k: 64, x: 0, y: 0 }, maxPoints: 10 });
    expect(notices).toEqual([
      'ellipses=learned,circles: circles ignored (learned, empirical or none)',
      'sigmas=4: only 1, 2 and 3 σ are drawn; using 2',
      'field=maybe is not 1 or 0; using 1',
      'cell=3:1:2 is not head:true:predicted (head 0–0, classes 0–9); no cell selected',
      'zoom scale=900 is out of range (0.5–64); using 64',
      'axes=polar is not one of panel, shared; using panel',
      'draw=5 is out of range (10–60000); using 10',
      'theme=sepia is not one of light, dark; using light',
    ]);
  });

  it('expand a preset, with the URL\'s own parameters over it', () => {
    const { config, view, notices } = stateFromUrl('?preset=fig2&train=512&sigmas=3');
    expect(notices).toEqual([]);
    expect(config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(config.trainSize).toBe(512);
    expect(view.sigmas).toEqual([3]);
    expect(stateFromUrl('?preset=fig9').notices).toEqual(['preset=fig9 is not one of fig2, longtail, margins; ignored']);
  });
});

describe('the network parameter', () => {
  it('reads arch=auto|paper|lite, corrects anything else with a notice, and writes back what differs', () => {
    expect(configFromUrl('?arch=lite').config.network).toBe('lite');
    expect(configFromUrl('').config.network).toBe('auto');
    const wrong = configFromUrl('?arch=resnet');
    expect(wrong.config.network).toBe('auto');
    expect(wrong.notices).toEqual(['arch=resnet is not one of auto, paper, lite; using auto']);
    const paper = { ...DEFAULT_CONFIG, network: 'paper' as const };
    expect(configToUrl(paper)).toBe('?arch=paper');
    expect(configFromUrl(configToUrl(paper)).config).toEqual(paper);
  });
});
