import { describe, expect, it } from 'vitest';
import type { Frame } from '../shared/protocol';
import { isDeviceLoss, nonFiniteFrame, nonFiniteLoss } from './divergence';

const sample = (features: number[]) => ({
  features: Float32Array.from(features),
  labels: new Uint8Array(1),
  predictions: new Uint8Array(1),
  indices: new Uint32Array(1),
  oldestStep: 1,
  newestStep: 1,
});

describe('divergence checks', () => {
  it('names the first head and loss part that is not finite', () => {
    expect(nonFiniteLoss([{ total: 1, ce: 1, reg: 0 }])).toBeNull();
    expect(
      nonFiniteLoss([
        { total: 1, ce: 1, reg: 0 },
        { total: NaN, ce: 2, reg: Infinity },
      ]),
    ).toEqual({ head: 1, part: 'loss reg' });
    expect(nonFiniteLoss([{ total: 2e12, ce: 1, reg: 2e12 }])).toEqual({ head: 0, part: 'loss reg (beyond 1e+12)' });
  });

  it('finds non-finite parameters and features in a frame', () => {
    const frame = (params: number[], features: number[]): Frame => ({
      seq: 1,
      step: 1,
      epoch: 0,
      mode: 'eval',
      trainTotal: 1,
      testTotal: 1,
      heads: [
        { head: 'icu', params: { means: Float32Array.from(params) }, train: sample([0, 0]), test: sample(features) },
      ],
    });
    expect(nonFiniteFrame(frame([0, 1], [1, 2]))).toBeNull();
    expect(nonFiniteFrame(frame([0, NaN], [1, 2]))).toEqual({ head: 0, part: 'parameter means' });
    expect(nonFiniteFrame(frame([0, 1], [1, -Infinity]))).toEqual({ head: 0, part: 'features' });
  });

  it('recognises a lost device', () => {
    expect(isDeviceLoss(new Error('A valid external Instance reference no longer exists.'))).toBe(true);
    expect(isDeviceLoss(new Error('WebGPU device was lost: destroyed'))).toBe(true);
    expect(isDeviceLoss(new Error('shape mismatch'))).toBe(false);
  });
});
