import { describe, expect, it } from 'vitest';
import { runConfig } from './runConfig';

/** L-Softmax's β is fitted to the run's steps, so its runLength shows the batch the harness counted with. */
const runLength = (settings: Parameters<typeof runConfig>[0]['settings']) => {
  const { hyper } = runConfig({ heads: ['lsoftmax'], settings: { trainSize: 6400, ...settings }, epochs: 2 }).heads[0]!;
  return 'runLength' in hyper ? hyper.runLength : undefined;
};

describe('runConfig', () => {
  it('counts the steps of a run with its own batch', () => {
    expect(runLength({ batchSize: 64, network: 'auto' })).toBe(200);
  });

  it('counts the steps of a run that leaves the batch to its network with that network’s batch', () => {
    expect(runLength({ batchSize: 0, network: 'lite' })).toBe(400);
    expect(runLength({ batchSize: 0, network: 'paper' })).toBe(100);
  });

  it('refuses a batch left to a network the worker has yet to choose', () => {
    expect(() => runLength({ batchSize: 0, network: 'auto' })).toThrow(/needs the network: paper or lite/);
  });
});
