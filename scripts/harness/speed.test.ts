import { describe, expect, it } from 'vitest';
import { duration, speedReport } from './speed.mjs';

describe('speedReport', () => {
  it('names the adapter, says whether it is a hardware GPU, and estimates an epoch per head count', () => {
    expect(
      speedReport(
        { name: 'webgpu', adapter: 'nvidia ampere NVIDIA GeForce RTX 3080', hardwareGpu: true },
        2000,
        [1, 5],
      ),
    ).toEqual([
      'backend: webgpu on adapter "nvidia ampere NVIDIA GeForce RTX 3080", a hardware GPU',
      'speed: 2000.0 samples/s per head (training steps)',
      'epoch of 60,000 digits at that speed (estimate, without frames and evaluation): 1 head ~30 s; 5 heads ~2.5 min',
    ]);
  });

  it('warns of a software adapter, and says so when there is none', () => {
    expect(speedReport({ name: 'webgpu', adapter: 'google swiftshader', hardwareGpu: false }, 1, [2])).toEqual([
      'backend: webgpu on adapter "google swiftshader", a software (fallback) adapter, not a GPU: expect CPU speed or slower',
      'speed: 1.0 samples/s per head (training steps)',
      'epoch of 60,000 digits at that speed (estimate, without frames and evaluation): 2 heads ~33.3 h',
    ]);
    expect(speedReport({ name: 'wasm', adapter: null, hardwareGpu: false }, 300, [1])[0]).toBe(
      'backend: wasm (no GPU adapter: runs on the CPU)',
    );
  });
});

describe('duration', () => {
  it('reads in seconds, minutes or hours', () => {
    expect([duration(89), duration(90), duration(5399), duration(5400)]).toEqual([
      '89 s',
      '1.5 min',
      '90.0 min',
      '1.5 h',
    ]);
  });
});
