import { describe, expect, it } from 'vitest';
import { figureRequest } from '../components/grid/figureRequest';
import { exportFile, figureScene } from '../export/figure';
import { exportSvg } from '../export/image';
import { syntheticFrame } from '../plot/testFrames';
import { DEFAULT_VIEW } from '../store/view';
import { DEFAULT_CONFIG, type RunConfig } from '../trainer/shared/config';
import { panelRequest } from './panel';

const run = {
  frame: syntheticFrame(['softmax', 'icu'], 40),
  config: {
    ...DEFAULT_CONFIG,
    heads: [
      { id: 'softmax', hyper: {} },
      { id: 'icu', hyper: { alpha: 0.5 } },
    ],
    seed: 7,
  } as RunConfig,
  evaluation: {
    step: 1200,
    epoch: 2,
    heads: [0.9, 0.975].map((accuracy) => ({ accuracy, perClass: [], confusion: [] })),
  },
};

describe("the harness's Fig. 2 panels", () => {
  it("are the app's export of the same frame with the lab's default view, byte for byte", async () => {
    const scope = { kind: 'panel', head: 1, sample: 'test' } as const;
    const app = await exportFile('svg', figureRequest({ ...run, view: DEFAULT_VIEW }, scope), 2);
    const harness = await exportSvg(figureScene(panelRequest(run, 1, 'test')));
    expect(harness).toBe(app.data);
    expect(harness).toContain('>ICU test (97.50%)</text>');
    expect(harness).toContain('seed 7');
    expect(harness).toContain('>empirical ellipse</text>');
  });
});
