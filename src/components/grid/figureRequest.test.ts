import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../../plot/testFrames';
import { DEFAULT_VIEW } from '../../store/view';
import { DEFAULT_CONFIG } from '../../trainer/shared/config';
import { figureRequest } from './figureRequest';
import { sharedDomain } from './viewModel';

describe('figureRequest', () => {
  const frame = syntheticFrame(['softmax', 'icu'], 40);
  const shown = { frame, config: DEFAULT_CONFIG, evaluation: null };

  it('hands the export the frame as drawn and the view as the screen resolves it', () => {
    const view = {
      ...DEFAULT_VIEW,
      maxPoints: 10,
      sharedAxes: true,
      field: false,
      cell: { head: 1, truth: 3, predicted: 5 },
      zoom: { k: 2, x: -0.1, y: 0.05 },
    };
    const r = figureRequest({ ...shown, view }, { kind: 'grid' });
    expect(r.frame.heads.map((h) => [h.train.labels.length, h.test.labels.length])).toEqual([
      [10, 10],
      [10, 10],
    ]);
    expect(r.view.filters).toEqual([
      { misclassifiedOnly: false, cell: null },
      { misclassifiedOnly: false, cell: { truth: 3, predicted: 5 } },
    ]);
    // Shared axes span every digit of the frame, not only the drawn ones, as on screen.
    expect(r.view.domain).toEqual(sharedDomain(frame));
    expect([r.view.toggles.field, r.view.zoom]).toEqual([false, { k: 2, x: -32, y: 16 }]);
  });

  it('lets each head fit its own axes without shared axes', () => {
    expect(figureRequest({ ...shown, view: DEFAULT_VIEW }, { kind: 'grid' }).view.domain).toBe('auto');
  });
});
