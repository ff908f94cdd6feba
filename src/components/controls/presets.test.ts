import { describe, expect, it } from 'vitest';
import { PRESETS, presetQuery } from './presets';
import { stateFromUrl } from '../../url/urlConfig';

const preset = (id: string) => PRESETS.find((p) => p.id === id)!;

describe('presets', () => {
  it('are valid URLs: each reads without a notice', () => {
    for (const p of PRESETS) expect(stateFromUrl(`?${p.query}`).notices).toEqual([]);
  });

  it('set up what their names promise', () => {
    const fig2 = stateFromUrl(`?${preset('fig2').query}`);
    expect(fig2.config.heads.map((h) => h.id)).toEqual(['softmax', 'center', 'lgm', 'icu']);
    expect(stateFromUrl(`?${preset('longtail').query}`).config.imbalance).toBe(100);
    const margins = stateFromUrl(`?${preset('margins').query}`).config.heads[0]!;
    expect(margins.id === 'icu' && [margins.hyper.alpha, margins.hyper.gamma]).toEqual([0.5, 0.5]);
  });

  it("keep the machine's settings of the current URL and drop the experiment's", () => {
    const current = new URLSearchParams('head=lgm&lgm.alpha=2&train=256&test=200&backend=wasm&theme=dark&seed=4');
    const q = presetQuery(preset('margins'), current);
    expect([q.get('head'), q.get('lgm.alpha'), q.get('seed')]).toEqual(['icu', null, null]);
    expect([q.get('train'), q.get('test'), q.get('backend'), q.get('theme')]).toEqual(['256', '200', 'wasm', 'dark']);
  });
});
