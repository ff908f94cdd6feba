import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../trainer/shared/config';
import { configFromUrl } from './urlConfig';

describe('configFromUrl', () => {
  it('gives the defaults for an empty query', () => {
    expect(configFromUrl('')).toEqual({ config: DEFAULT_CONFIG, notices: [] });
  });

  it('applies every valid parameter', () => {
    const { config, notices } = configFromUrl('?train=512&test=1000&batch=32&lr=0.001&wd=0&seed=9&backend=cpu&head=icu&autoplay=0');
    expect(notices).toEqual([]);
    expect(config).toEqual({
      ...DEFAULT_CONFIG, trainSize: 512, testSize: 1000, batchSize: 32, learningRate: 0.001,
      weightDecay: 0, seed: 9, backend: 'cpu', head: 'icu', autoplay: false,
    });
  });

  it('corrects invalid values to the nearest valid one, with a notice for each', () => {
    const { config, notices } = configFromUrl('?train=999999&batch=0&lr=abc&backend=tpu&head=arc');
    expect(config.trainSize).toBe(60_000);
    expect(config.batchSize).toBe(1);
    expect(config.learningRate).toBe(DEFAULT_CONFIG.learningRate);
    expect(config.backend).toBe('auto');
    expect(config.head).toBe('softmax');
    expect(notices).toHaveLength(5);
    expect(notices[1]).toBe('batch=0 is out of range (1–1024); using 1');
    expect(notices[3]).toContain('backend=tpu is not one of auto, webgpu, webgl, cpu');
  });
});
