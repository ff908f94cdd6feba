import { describe, expect, it, vi } from 'vitest';
import { NO_ZOOM } from '../../math/zoom';
import { LIGHT } from '../../plot/palette';
import { panelField, panelPicture } from '../../plot/panelModel';
import { syntheticHead } from '../../plot/testFrames';
import { PanelRenderer, type LiveOptions, type PanelElements } from './panelRenderer';
import { RedrawQueue } from './redrawQueue';

vi.mock('../../plot/panelModel', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../plot/panelModel')>();
  return { ...m, panelField: vi.fn(m.panelField), panelPicture: vi.fn(m.panelPicture) };
});

const options: LiveOptions = {
  sample: 'test',
  size: 200,
  zoom: NO_ZOOM,
  theme: LIGHT,
  domain: 'auto',
  filter: { misclassifiedOnly: false, cell: null },
  toggles: { learnedEllipses: true, empiricalEllipses: true, sigmas: [1], field: true, boundaries: true },
};

/** A renderer whose queue never runs: the test takes its steps. The steps tried here draw nothing, so no elements. */
function renderer(): PanelRenderer {
  return new PanelRenderer({} as PanelElements, 1, new RedrawQueue(() => undefined), 16);
}

describe('PanelRenderer', () => {
  it('works out a frame’s field in a step of its own, then the rest of the picture reusing it', () => {
    vi.mocked(panelField).mockClear();
    vi.mocked(panelPicture).mockClear();
    const r = renderer();
    r.setOptions(options);
    r.setHead(syntheticHead('icu', 300));
    expect(r.redraw()).toBe(true);
    expect([vi.mocked(panelField).mock.calls.length, vi.mocked(panelPicture).mock.calls.length]).toEqual([1, 0]);
    expect(r.redraw()).toBe(true);
    expect([vi.mocked(panelField).mock.calls.length, vi.mocked(panelPicture).mock.calls.length]).toEqual([1, 1]);
    const field = vi.mocked(panelField).mock.results[0]!.value as ReturnType<typeof panelField>;
    const picture = vi.mocked(panelPicture).mock.results[0]!.value as ReturnType<typeof panelPicture>;
    expect(field.field).not.toBeNull();
    expect(picture.field).toBe(field.field);
    expect(picture.boundary).toBe(field.boundary);
  });

  it('starts over at the field when a new frame arrives between the steps, and waits for options', () => {
    vi.mocked(panelField).mockClear();
    vi.mocked(panelPicture).mockClear();
    const r = renderer();
    r.setHead(syntheticHead('icu', 300));
    expect(r.redraw()).toBe(false); // no options yet: nothing to work out
    r.setOptions(options);
    expect(r.redraw()).toBe(true);
    r.setHead(syntheticHead('softmax', 300));
    expect(r.redraw()).toBe(true);
    expect([vi.mocked(panelField).mock.calls.length, vi.mocked(panelPicture).mock.calls.length]).toEqual([2, 0]);
    expect(vi.mocked(panelField).mock.calls[1]![0].head).toBe('softmax');
  });
});
