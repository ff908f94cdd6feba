import { describe, expect, it } from 'vitest';
import { syntheticFrame } from '../../plot/testFrames';
import { DEFAULT_VIEW } from '../../store/view';
import { limitHead, panelFilter, sharedDomain, zoomAt } from './viewModel';

const frame = syntheticFrame(['softmax', 'icu'], 40);

describe('view model', () => {
  it('gives a selected confusion cell to its own head only', () => {
    const view = { ...DEFAULT_VIEW, misclassifiedOnly: true, cell: { head: 1, truth: 3, predicted: 5 } };
    expect(panelFilter(view, 0)).toEqual({ misclassifiedOnly: true, cell: null });
    expect(panelFilter(view, 1)).toEqual({ misclassifiedOnly: true, cell: { truth: 3, predicted: 5 } });
  });

  it('limits a head to a prefix of its digits without copying', () => {
    const head = frame.heads[0]!,
      limited = limitHead(head, 10);
    expect([limited.train.labels.length, limited.test.features.length]).toEqual([10, 20]);
    expect(limited.test.indices.buffer).toBe(head.test.indices.buffer);
    expect(limitHead(head, 40)).toBe(head);
  });

  it("keeps a limited sample's step range: its digits come from no other steps", () => {
    const head = frame.heads[1]!,
      older = { ...head, train: { ...head.train, oldestStep: 1100, newestStep: 1190 } };
    expect(limitHead(older, 10).train.oldestStep).toBe(1100);
  });

  it('shares one square domain over every head', () => {
    const d = sharedDomain(frame);
    expect(d.x[1] - d.x[0]).toBeCloseTo(d.y[1] - d.y[0], 9);
    for (const h of frame.heads)
      for (const v of h.test.features.filter((_, i) => i % 2 === 0)) expect(v >= d.x[0] && v <= d.x[1]).toBe(true);
  });

  it("keeps the zoom's scale and turns its pan from panel sides into pixels", () => {
    expect(zoomAt({ k: 2, x: -0.1, y: 0.05 }, 600)).toEqual({ k: 2, x: -60, y: 30 });
  });
});
