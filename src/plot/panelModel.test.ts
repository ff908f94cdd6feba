import { describe, expect, it } from 'vitest';
import { NO_ZOOM } from '../math/zoom';
import { squareDomainOf } from './domain';
import { hoverInfo } from './hover';
import { LIGHT } from './palette';
import { createPanelScratch, panelPicture, unitEllipses, type PanelOptions } from './panelModel';
import { paintPoints } from './panelPoints';
import { syntheticHead } from './testFrames';

const head = syntheticHead('icu', 500);
const options: PanelOptions = {
  sample: 'test',
  size: 200,
  zoom: NO_ZOOM,
  theme: LIGHT,
  domain: squareDomainOf([head.train.features, head.test.features]),
  filter: { misclassifiedOnly: false, cell: null },
  toggles: { learnedEllipses: true, empiricalEllipses: true, sigmas: [1, 2], field: true, boundaries: true },
};

describe('panelPicture', () => {
  it('draws learned and empirical ellipses per σ, a field and boundaries', () => {
    const pic = panelPicture(head, unitEllipses(head, 'test'), options, createPanelScratch(32));
    expect(pic.ellipses.map((e) => e.kind[0]).join('')).toBe(`${'l'.repeat(20)}${'e'.repeat(20)}`);
    expect(pic.crosses).toHaveLength(20);
    expect(pic.field?.pixels.length).toBe(32 * 32);
    expect(pic.boundary.startsWith('M')).toBe(true);
    expect([pic.xTicks[0]?.label, pic.yTicks.length]).toEqual(['−1.5', 7]);
    // Class 0: learned σ = (0.1, 0.2) around (1, 0), so its 1σ ellipse stands upright.
    expect(pic.ellipses[0]?.d).toBe('M164.42,107.15A12.12,6.06 90 0 1 164.42,82.9A12.12,6.06 90 0 1 164.42,107.15Z');
    expect([pic.keep, pic.highlight]).toEqual([null, null]);
  });

  it('leaves learned ellipses out for softmax and skips the field work when both are off', () => {
    const soft = syntheticHead('softmax', 100);
    const toggles = { ...options.toggles, field: false, boundaries: false };
    const pic = panelPicture(soft, unitEllipses(soft, 'test'), { ...options, toggles }, createPanelScratch(8));
    expect(pic.ellipses.every((e) => e.kind === 'empirical')).toBe(true);
    expect([pic.field, pic.boundary]).toEqual([null, '']);
  });

  it('swaps the class field for the likelihood veil of a Gaussian head, not of softmax', () => {
    const toggles = { ...options.toggles, density: true };
    const veil = panelPicture(head, unitEllipses(head, 'test'), { ...options, toggles }, createPanelScratch(16)).field
      ?.pixels;
    expect(new Set(Array.from(veil ?? [], (p) => (p & 0xffffff).toString(16)))).toEqual(new Set(['1f1d1d']));
    expect(Math.max(...Array.from(veil ?? [], (p) => p >>> 24))).toBe(110);
    const soft = syntheticHead('softmax', 50);
    const field = panelPicture(soft, unitEllipses(soft, 'test'), { ...options, toggles }, createPanelScratch(16)).field
      ?.pixels;
    expect(new Set(Array.from(field ?? [], (p) => p >>> 24))).toEqual(new Set([46]));
  });

  it('works a head’s field out once for its train and test panels, again for another domain or frame', () => {
    const test = panelPicture(head, unitEllipses(head, 'test'), options, createPanelScratch(24));
    const train = panelPicture(
      head,
      unitEllipses(head, 'train'),
      { ...options, sample: 'train' },
      createPanelScratch(24),
    );
    expect(train.field).toBe(test.field);
    expect(train.boundary).toBe(test.boundary);
    const zoomed = panelPicture(
      head,
      unitEllipses(head, 'test'),
      { ...options, zoom: { k: 2, x: 0, y: 0 } },
      createPanelScratch(24),
    );
    expect(zoomed.field).not.toBe(test.field);
    expect(zoomed.boundary).not.toBe(test.boundary);
    // A new frame of the same weights (new params object) is worked out again, to the same picture.
    const next = { ...head, params: { ...head.params } };
    const again = panelPicture(next, unitEllipses(next, 'test'), options, createPanelScratch(24));
    expect(again.field).not.toBe(test.field);
    expect(again.field?.pixels).toEqual(test.field?.pixels);
  });

  it('dims the sample under a confusion-cell highlight and draws the cell on top', () => {
    const cell = { truth: head.test.labels[0]!, predicted: head.test.predictions[0]! };
    const pic = panelPicture(
      head,
      unitEllipses(head, 'test'),
      { ...options, filter: { misclassifiedOnly: false, cell } },
      createPanelScratch(8),
    );
    const target = { pixels: new Uint32Array(400 * 400), width: 400, height: 400 };
    const full = paintPoints(target, pic, 2);
    expect(full).toBe(pic.highlight?.reduce((a, b) => a + b, 0));
    expect(new Set(Array.from(target.pixels, (p) => p >>> 24))).toEqual(new Set([0, 56, 255]));
  });
});

describe('hoverInfo', () => {
  it('gives a Gaussian head’s distance to every class, smallest at the prediction', () => {
    const info = hoverInfo(head, 'train', 3);
    expect([info.sampleIndex, info.mnistIndex, info.label]).toEqual([3, 21, 3]);
    const d = info.distances ?? [];
    expect(d).toHaveLength(10);
    expect(d.indexOf(Math.min(...d))).toBe(info.prediction);
    expect(hoverInfo(syntheticHead('center', 10), 'test', 0).distances).toBeNull();
  });
});
