import { describe, expect, it } from 'vitest';
import { IMAGE_SIDE, LITE_ARCHITECTURE, PAPER_ARCHITECTURE, backboneParams, type Architecture } from './architecture';

// The counts docs/network.md and architecture.ts quote, worked out from the layout.

/** Number of trainable parameters (BN running statistics excluded). */
function parameterCount(a: Architecture): number {
  return backboneParams(a).reduce((n, p) => n + p.shape.reduce((x, y) => x * y, 1), 0);
}

/** Forward multiply–accumulates per sample: convolutions and matrix products (the rest is negligible). */
function forwardMacs(a: Architecture): number {
  const [c1, c2, c3, c4] = a.conv;
  const full = IMAGE_SIDE * IMAGE_SIDE,
    half = full / 4,
    pooled = full / 16;
  return (
    full * 9 * (1 * c1 + c1 * c2) + half * 9 * (c2 * c3 + c3 * c4) + pooled * c4 * a.hidden + a.hidden * a.featureDim
  );
}

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
