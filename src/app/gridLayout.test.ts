import { describe, expect, it } from 'vitest';
import { gridLayout } from './gridLayout';

describe('gridLayout', () => {
  it('gives four heads a column each on a laptop screen', () => {
    expect(gridLayout(1100, 4)).toEqual({ size: 208, byHead: false, columns: 4 });
  });

  it('puts one head\'s train and test side by side, at most 440 px each', () => {
    expect(gridLayout(1100, 1)).toEqual({ size: 440, byHead: true, columns: 2 });
  });

  it('stacks heads as rows, then everything in one column, as the screen narrows', () => {
    expect(gridLayout(700, 4)).toEqual({ size: 286, byHead: true, columns: 2 });
    expect(gridLayout(360, 2)).toEqual({ size: 302, byHead: true, columns: 1 });
  });
});
