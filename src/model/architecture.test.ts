import { describe, expect, it } from 'vitest';
import { LITE_ARCHITECTURE, PAPER_ARCHITECTURE, forwardMacs, parameterCount } from './architecture';

describe('the paper architecture', () => {
  it('has the reference run’s 467,748 parameters before the head, less the 320 biases batch norm cancels', () => {
    expect(parameterCount(PAPER_ARCHITECTURE)).toBe(467_748 - (32 + 32 + 64 + 64 + 128));
  });

  it('costs about 18.7 M multiply–accumulates per sample forward', () => {
    // conv1 225,792 + conv2 7,225,344 + conv3 3,612,672 + conv4 7,225,344 + fc1 401,408 + fc2 256
    expect(forwardMacs(PAPER_ARCHITECTURE)).toBe(18_690_816);
  });
});

describe('the lite architecture', () => {
  it('keeps the layout with 54,748 parameters and 1/15 of the multiply–accumulates', () => {
    expect(parameterCount(LITE_ARCHITECTURE)).toBe(54_748);
    expect(forwardMacs(LITE_ARCHITECTURE)).toBe(1_235_712);
  });
});
