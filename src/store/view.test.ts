import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../trainer/shared/config';
import { createLabStore } from './store';
import { DEFAULT_VIEW, switchSigma } from './view';

describe('the view slice', () => {
  it('starts from the view it is given and patches it', () => {
    const store = createLabStore(DEFAULT_CONFIG, { ...DEFAULT_VIEW, theme: 'dark' });
    expect(store.getState().view.theme).toBe('dark');
    store.getState().setView({ misclassifiedOnly: true });
    expect(store.getState().view).toEqual({ ...DEFAULT_VIEW, theme: 'dark', misclassifiedOnly: true });
  });

  it('switches σ levels, sorted, never leaving none', () => {
    expect(switchSigma([2], 1)).toEqual([1, 2]);
    expect(switchSigma([1, 3], 3)).toEqual([1]);
    expect(switchSigma([2], 2)).toEqual([2]);
  });

  it('selects a confusion cell and clears it on a second click', () => {
    const store = createLabStore(DEFAULT_CONFIG);
    const cell = { head: 1, truth: 4, predicted: 9 };
    store.getState().toggleCell(cell);
    expect(store.getState().view.cell).toEqual(cell);
    store.getState().toggleCell({ ...cell, predicted: 7 });
    expect(store.getState().view.cell).toEqual({ ...cell, predicted: 7 });
    store.getState().toggleCell({ ...cell, predicted: 7 });
    expect(store.getState().view.cell).toBeNull();
  });

  it('keeps the view when a new run starts', () => {
    const store = createLabStore(DEFAULT_CONFIG);
    store.getState().setView({ sharedAxes: true });
    store.getState().startRun({ ...DEFAULT_CONFIG, seed: 2 });
    expect(store.getState().view.sharedAxes).toBe(true);
  });
});
