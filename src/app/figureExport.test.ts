import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../plot/testFrames';
import { DEFAULT_VIEW } from '../store/view';
import { DEFAULT_CONFIG } from '../trainer/shared/config';
import { figureScene } from './figureExport';

const frame = syntheticFrame(['softmax', 'icu'], 40);

describe('figureScene', () => {
  const config = {
    ...DEFAULT_CONFIG,
    heads: [
      { id: 'softmax', hyper: {} },
      { id: 'icu', hyper: { alpha: 0.5 } },
    ],
  } as typeof DEFAULT_CONFIG;
  const base = { frame, config, view: DEFAULT_VIEW };
  const evaluation = {
    step: 1200,
    epoch: 2,
    heads: [0.9, 0.975].map((accuracy) => ({ accuracy, perClass: [], confusion: [] })),
  };

  it('lays out Fig. 2: rows train and test, a column per head, titled with the test accuracy', () => {
    const scene = figureScene({ ...base, evaluation, scope: { kind: 'grid' } });
    expect([scene.width, scene.height > 2 * 380]).toEqual([2 * (46 + 320 + 14), true]);
    const titles = scene.items.flatMap((i) =>
      i.kind === 'group' && i.items[0]?.kind === 'text' ? [i.items[0].text] : [],
    );
    expect(titles).toEqual(['Softmax train', 'ICU train', 'Softmax test (90.00%)', 'ICU test (97.50%)']);
  });

  it('exports one panel, captioned with the hyper-parameters, step and mode', () => {
    const scene = figureScene({ ...base, evaluation: null, scope: { kind: 'panel', head: 1, sample: 'test' } });
    const text = scene.items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join(' ');
    expect(scene.width).toBe(46 + 320 + 14);
    expect(text).toContain('ICU (alpha 0.5) · step 1200 · epoch 2 · inference-mode features');
  });

  it('says which steps the features come from when a progressive frame holds older ones', () => {
    const older = { ...frame, heads: frame.heads.map((h, i) => ({ ...h, test: { ...h.test, oldestStep: 1150 - i } })) };
    const scene = figureScene({ ...base, frame: older, evaluation: null, scope: { kind: 'grid' } });
    const text = scene.items.flatMap((i) => (i.kind === 'text' ? [i.text] : [])).join(' ');
    expect(text).toContain('step 1200 · epoch 2 · features embedded at steps 1,149–1,200 · inference-mode features');
  });
});
