import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../shared/config';
import { afterDeviceLoss, DeviceLossTracker } from './deviceLoss';

describe('afterDeviceLoss', () => {
  it('tries a fresh device of the same backend first, whatever the request', () => {
    for (const requested of ['auto', ...BACKENDS] as const)
      expect(afterDeviceLoss(requested, false)).toEqual({ kind: 'retry' });
  });

  it('moves an automatic choice to the next backend once the retry failed', () => {
    expect(afterDeviceLoss('auto', true)).toEqual({ kind: 'next' });
  });

  it('stops a forced backend once the retry failed, offering wasm, which has no device to lose', () => {
    expect(afterDeviceLoss('webgpu', true)).toEqual({ kind: 'stop', offer: 'wasm' });
    expect(afterDeviceLoss('webgl', true)).toEqual({ kind: 'stop', offer: 'wasm' });
  });
});

describe('DeviceLossTracker', () => {
  it('counts a retry as failed when the same backend is lost again before the resumed run trains', () => {
    const t = new DeviceLossTracker();
    expect(t.decide('auto', 'webgpu')).toEqual({ kind: 'retry' });
    expect(t.pending).toBe(true);
    expect(t.decide('auto', 'webgpu')).toEqual({ kind: 'next' });
    // The next backend lost in its turn gets its own retry.
    expect(t.decide('auto', 'webgl')).toEqual({ kind: 'retry' });
  });

  it('forgets the retry once the resumed run trained a step', () => {
    const t = new DeviceLossTracker();
    t.decide('webgpu', 'webgpu');
    t.trained();
    expect(t.pending).toBe(false);
    expect(t.decide('webgpu', 'webgpu')).toEqual({ kind: 'retry' });
    expect(t.decide('webgpu', 'webgpu')).toEqual({ kind: 'stop', offer: 'wasm' });
  });

  it('names the backend a restarted run got once, and nothing when no loss restarted it', () => {
    const t = new DeviceLossTracker();
    expect(t.resumedOn('wasm')).toBeNull();
    t.decide('auto', 'webgpu');
    expect(t.resumedOn('webgpu (gpu)')).toBe('Resumed on webgpu (gpu) after the device loss.');
    expect(t.resumedOn('webgpu (gpu)')).toBeNull();
  });
});
