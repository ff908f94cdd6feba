import { describe, expect, it } from 'vitest';
import { defaultHyper, HEAD_IDS } from '../loss/heads';
import { DEFAULT_VIEW, type ViewState } from '../store/view';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';
import { configFromUrl, configToUrl, stateFromUrl, stateToUrl } from './urlConfig';

describe('configFromUrl', () => {
  it('gives the defaults for an empty query', () => {
    expect(configFromUrl('')).toEqual({ config: DEFAULT_CONFIG, notices: [] });
  });

  it('applies every valid parameter', () => {
    const { config, notices } = configFromUrl(
      '?train=512&test=1000&batch=32&lr=0.001&wd=0&seed=9&backend=cpu&head=icu&icu.alpha=0.1&icu.cov=iso&imbalance=50&order=ascending&points=300&schedule=step:0.1:3&features=train&threads=2&autoplay=0',
    );
    expect(notices).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG,
      trainSize: 512,
      testSize: 1000,
      batchSize: 32,
      learningRate: 0.001,
      weightDecay: 0,
      seed: 9,
      backend: 'cpu',
      heads: [{ id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.1, cov: 'iso' } }],
      imbalance: 50,
      imbalanceOrder: 'ascending',
      frameTrainPoints: 300,
      autoplay: false,
      schedule: { kind: 'step', factor: 0.1, everyEpochs: 3 },
      featureMode: 'train',
      wasmThreads: 2,
    });
  });

  it('reads compare mode with several heads', () => {
    const { config } = configFromUrl('?heads=softmax,center,lgm,icu&lgm.alpha=0.5');
    expect(config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(config.heads[2]!.hyper).toEqual({ ...defaultHyper('lgm'), alpha: 0.5 });
  });

  it('corrects invalid values to the nearest valid one, with a notice for each', () => {
    const { config, notices } = configFromUrl(
      '?train=999999&batch=-4&lr=abc&backend=tpu&heads=icu,arcface&icu.gamma=99&icu.cov=full&schedule=cosine:0&features=both&threads=16',
    );
    expect(config.trainSize).toBe(60_000);
    expect(config.batchSize).toBe(0);
    expect(config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(config.backend).toBe('auto');
    expect(config.wasmThreads).toBe(8);
    expect(config.heads).toEqual([{ id: 'icu', hyper: { ...defaultHyper('icu'), gamma: 10 } }]);
    expect(notices).toEqual([
      'train=999999 is out of range (1–60000); using 60000',
      'batch=-4 is out of range (0–1024); using 0',
      'lr=abc is not a number; using 0.01',
      'threads=16 is out of range (0–8); using 8',
      'backend=tpu is not one of auto, webgpu, webgl, wasm, cpu; using auto',
      'features=both is not one of eval, train; using eval',
      'schedule=cosine:0: cosine schedule needs epochs in [0.01, 1000] and minFactor in [0, 1]; using constant',
      `unknown loss head arcface ignored (heads: ${HEAD_IDS.join(', ')})`,
      'icu.gamma=99 is out of range (0 or 0.000001–10); using 10',
      'icu.cov=full is not one of diag, iso; using diag',
    ]);
  });
});

describe('configToUrl', () => {
  it('writes only what differs from the defaults, and reads back the same configuration', () => {
    expect(configToUrl(DEFAULT_CONFIG)).toBe('');
    const config: RunConfig = {
      ...DEFAULT_CONFIG,
      trainSize: 512,
      seed: 3,
      imbalance: 10,
      wasmThreads: 1,
      autoplay: false,
      schedule: { kind: 'cosine', epochs: 10, minFactor: 0.01 },
      heads: [
        { id: 'softmax', hyper: {} },
        { id: 'icu', hyper: { ...defaultHyper('icu'), alpha: 0.5 } },
      ],
    };
    const url = configToUrl(config);
    expect(url).toBe(
      '?heads=softmax%2Cicu&icu.alpha=0.5&train=512&seed=3&imbalance=10&threads=1&schedule=cosine%3A10%3A0.01&autoplay=0',
    );
    expect(configFromUrl(url)).toEqual({ config, notices: [] });
  });
});

describe('stateFromUrl and stateToUrl', () => {
  it('give the default run and view for an empty query, and write nothing for them', () => {
    expect(stateFromUrl('')).toEqual({ config: DEFAULT_CONFIG, view: DEFAULT_VIEW, notices: [] });
    expect(stateToUrl(DEFAULT_CONFIG, DEFAULT_VIEW)).toBe('');
  });

  it('read every view setting, and write back the same state', () => {
    const search =
      '?heads=lgm%2Cicu&train=256&ellipses=learned&sigmas=1%2C3&field=0&boundaries=0&density=1&misclassified=1' +
      '&cell=1%3A3%3A5&zoom=2%2C-0.125%2C0.3&axes=shared&draw=500&theme=dark';
    const { config, view, notices } = stateFromUrl(search);
    expect(notices).toEqual([]);
    const expected: ViewState = {
      learnedEllipses: true,
      empiricalEllipses: false,
      sigmas: [1, 3],
      field: false,
      boundaries: false,
      density: true,
      misclassifiedOnly: true,
      cell: { head: 1, truth: 3, predicted: 5 },
      zoom: { k: 2, x: -0.125, y: 0.3 },
      sharedAxes: true,
      maxPoints: 500,
      theme: 'dark',
    };
    expect(view).toEqual(expected);
    expect(stateToUrl(config, view)).toBe(search);
  });

  it('correct invalid view values with a notice each', () => {
    const { view, notices } = stateFromUrl(
      '?head=icu&ellipses=learned,circles&sigmas=4&field=maybe&cell=3:1:2&zoom=900,0,0&axes=polar&draw=5&theme=sepia',
    );
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

  it("expand a preset, with the URL's own parameters over it", () => {
    const { config, view, notices } = stateFromUrl('?preset=fig2&train=512&sigmas=3');
    expect(notices).toEqual([]);
    expect(config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(config.trainSize).toBe(512);
    expect(view.sigmas).toEqual([3]);
    expect(stateFromUrl('?preset=fig9').notices).toEqual([
      'preset=fig9 is not one of fig2, longtail, margins; ignored',
    ]);
  });
});

describe('URL values that used to pass silently or be described wrongly', () => {
  type State = ReturnType<typeof stateFromUrl>;
  const long = '7'.repeat(2_000_000);
  // [expected notice, URL, what was corrected, its corrected value]
  it.each<[string, string, (s: State) => unknown, unknown]>([
    [
      'at most 5 heads train side by side; using the first 5: softmax, center, lsoftmax, lgm, icu',
      '?heads=softmax,center,lsoftmax,lgm,icu,softmax',
      (s) => s.config.heads.length,
      5,
    ],
    [
      'unknown loss head arcface ignored',
      '?heads=arcface,softmax,center,lsoftmax,lgm,icu',
      (s) => s.config.heads.length,
      5,
    ],
    ['autoplay=maybe is not 1 or 0; using 1', '?autoplay=maybe', (s) => s.config.autoplay, true],
    [
      'schedule=step:0.1:5:junk: expected constant, step:FACTOR:EVERY_EPOCHS or cosine:EPOCHS:MIN_FACTOR; using constant',
      '?schedule=step:0.1:5:junk',
      (s) => s.config.schedule,
      { kind: 'constant' },
    ],
    ['schedule=constant:3: expected constant', '?schedule=constant:3', (s) => s.config.schedule, { kind: 'constant' }],
    ['cell=0:1:2:3 is not head:true:predicted', '?cell=0:1:2:3', (s) => s.view.cell, null],
    ['zoom x=1e305 is out of range (-64–64); using 64', '?zoom=2,1e305,0', (s) => s.view.zoom, { k: 2, x: 64, y: 0 }],
    ['zoom=2,0,0,5 is not k,x,y; using no zoom', '?zoom=2,0,0,5', (s) => s.view.zoom, DEFAULT_VIEW.zoom],
    ['unknown parameter bogus ignored', '?bogus=1', (s) => s.config, DEFAULT_CONFIG],
    [
      `unknown parameter icu.alfa ignored (icu's hyper-parameters: ${Object.keys(defaultHyper('icu')).join(', ')})`,
      '?head=icu&icu.alfa=0.5',
      (s) => s.config.heads[0]!.hyper,
      defaultHyper('icu'),
    ],
    [
      'unknown parameter softmax.alpha ignored (softmax has no hyper-parameters)',
      '?softmax.alpha=1',
      (s) => s.config,
      DEFAULT_CONFIG,
    ],
    [
      `lr=${'7'.repeat(40)}… is not a number; using 0.01`,
      `?lr=${long}`,
      (s) => s.config.learningRate,
      DEFAULT_CONFIG.learningRate,
    ],
    [
      `theme=${'7'.repeat(40)}… is not one of light, dark`,
      `?theme=${long}`,
      (s) => s.notices.every((n) => n.length < 200),
      true,
    ],
    [`unknown parameter ${'7'.repeat(40)}… ignored`, `?${long}=1`, (s) => s.notices.every((n) => n.length < 200), true],
    ['threads=0.5 is not a whole number; using 1', '?threads=0.5', (s) => s.config.wasmThreads, 1],
    ['threads=16.5 is not a whole number in range (0–8); using 8', '?threads=16.5', (s) => s.config.wasmThreads, 8],
  ])('%s', (notice, search, read, value) => {
    const state = stateFromUrl(search);
    expect(state.notices).toContainEqual(expect.stringContaining(notice));
    expect(read(state)).toEqual(value);
  });

  it.each([
    ['0', false],
    ['false', false],
    ['no', false],
    ['off', false],
    ['1', true],
    ['true', true],
    ['yes', true],
    ['on', true],
  ])('reads autoplay=%s as %s, without a notice', (raw, on) => {
    expect(configFromUrl(`?autoplay=${raw}`)).toEqual({ config: { ...DEFAULT_CONFIG, autoplay: on }, notices: [] });
  });

  it('runs a head twice, each with its own settings and a fork step, and writes them so that they parse back', () => {
    const url = '?heads=icu,icu,icu&icu.gamma=0.5&icu.2.alpha=0.1&icu.3.alpha=0.2&icu.3.fork=500&icu.3.lr=0.001';
    const { config, notices } = stateFromUrl(url);
    expect(notices).toEqual([]);
    expect(config.heads.map((h) => [h.hyper, h.fork])).toEqual([
      [{ ...defaultHyper('icu'), gamma: 0.5 }, undefined],
      [{ ...defaultHyper('icu'), gamma: 0.5, alpha: 0.1 }, undefined],
      [{ ...defaultHyper('icu'), gamma: 0.5, alpha: 0.2 }, { step: 500 }],
    ]);
    expect(config.heads[2]!.learningRate).toBe(0.001);
    expect(configFromUrl(configToUrl(config)).config).toEqual(config);
    expect(configToUrl(config)).toContain('icu.3.fork=500');
  });

  it.each([
    ['?heads=icu,icu&icu.1.fork=5', 'icu.1.fork ignored: a fork branches off an earlier icu head'],
    ['?heads=icu,icu&icu.2.fork=soon', 'icu.2.fork=soon is not a number; using 0'],
    ['?heads=icu,icu&icu.2.lr=0.1', 'icu.2.lr ignored: only a fork has a learning rate of its own'],
    ['?heads=icu,icu&icu.2.fork=9&icu.2.lr=99', 'icu.2.lr=99 is out of range (0.000001–10); using 10'],
    ['?heads=icu,icu&icu.2.beta=1', expect.stringContaining('unknown parameter icu.2.beta ignored')],
  ])('%s: %s', (url, notice) => {
    expect(stateFromUrl(url).notices).toEqual([notice]);
  });

  it('writes a panned-away zoom so that it parses back', () => {
    const view: ViewState = { ...DEFAULT_VIEW, zoom: { k: 2, x: 1e305, y: -1e300 } };
    const url = stateToUrl(DEFAULT_CONFIG, view);
    expect(stateFromUrl(url)).toEqual({
      config: DEFAULT_CONFIG,
      view: { ...view, zoom: { k: 2, x: 64, y: -64 } },
      notices: [],
    });
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
