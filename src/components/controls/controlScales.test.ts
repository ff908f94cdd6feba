import { describe, expect, it } from 'vitest';
import { headOf } from '../../loss/heads';
import { SCHEDULE_LIMITS } from '../../trainer/shared/schedule';
import { STEP_DELAY_LIMITS } from '../../trainer/shared/config';
import { settingError } from '../../trainer/shared/validate';
import { BATCH_SCALE, DELAY_SCALE, LR_SCALE, RHO_SCALE, SCHEDULE_RANGES, SEED_SCALE } from './controlScales';
import { correctTyped, type Range } from '../../url/correct';

const ICU_ALPHA = headOf('icu').hyper.alpha;
const RUN_LENGTH = headOf('lsoftmax').hyper.runLength;

describe('typed values', () => {
  // [the box as its notice names it, its range, value in force, typed, value taken, notice]
  const cases: [string, Range, number, string, number, string | undefined][] = [
    // 0 leaves the batch to the network.
    ['batch size', BATCH_SCALE, 32, '0', 0, undefined],
    ['batch size', BATCH_SCALE, 32, '5', 8, 'batch size 5 is out of range (0 or 8–512); using 8'],
    ['batch size', BATCH_SCALE, 32, '4096', 512, 'batch size 4096 is out of range (0 or 8–512); using 512'],
    ['batch size', BATCH_SCALE, 32, '64', 64, undefined],
    ['seed', SEED_SCALE, 1, '-1', 0, 'seed -1 is out of range (0–9999); using 0'],
    ['seed', SEED_SCALE, 1, '1.5', 2, 'seed 1.5 is not a whole number; using 2'],
    ['seed', SEED_SCALE, 1, 'abc', 1, 'seed abc is not a number; using 1'],
    ['imbalance ratio', RHO_SCALE, 1, '300', 200, 'imbalance ratio 300 is out of range (1–200); using 200'],
    ['imbalance ratio', RHO_SCALE, 1, ' 12.5 ', 12.5, undefined],
    [
      'step decay factor',
      SCHEDULE_RANGES.factor,
      0.1,
      '0',
      1e-4,
      'step decay factor 0 is out of range (0.0001–1); using 0.0001',
    ],
    [
      'step decay every epochs',
      SCHEDULE_RANGES.everyEpochs,
      5,
      '-3',
      0.01,
      'step decay every epochs -3 is out of range (0.01–1000); using 0.01',
    ],
    [
      'cosine epochs',
      SCHEDULE_RANGES.epochs,
      10,
      '5000',
      1000,
      'cosine epochs 5000 is out of range (0.01–1000); using 1000',
    ],
    [
      'cosine floor factor',
      SCHEDULE_RANGES.minFactor,
      0.01,
      '2',
      1,
      'cosine floor factor 2 is out of range (0–1); using 1',
    ],
    ['learning rate', LR_SCALE, 0.01, '100', 1, 'learning rate 100 is out of range (0.00001–1); using 1'],
    ['learning rate', LR_SCALE, 0.01, 'Infinity', 0.01, 'learning rate Infinity is not a number; using 0.01'],
    [
      'speed: delay between steps',
      DELAY_SCALE,
      0,
      '6000',
      2000,
      'speed: delay between steps 6000 is out of range (0–2000); using 2000',
    ],
    [
      'speed: delay between steps',
      DELAY_SCALE,
      0,
      '12.4',
      12,
      'speed: delay between steps 12.4 is not a whole number; using 12',
    ],
    ['alpha (icu)', ICU_ALPHA, 1e-4, '100', 10, 'alpha (icu) 100 is out of range (0 or 0.000001–10); using 10'],
    ['alpha (icu)', ICU_ALPHA, 1e-4, '-1', 0, 'alpha (icu) -1 is out of range (0 or 0.000001–10); using 0'],
    ['alpha (icu)', ICU_ALPHA, 1e-4, '0', 0, undefined],
    [
      'run length (lsoftmax)',
      RUN_LENGTH,
      2345,
      '0.4',
      1,
      'run length (lsoftmax) 0.4 is not a whole number in range (1–10000000); using 1',
    ],
  ];
  it.each(cases)('%s: typed %#', (name, range, current, typed, value, notice) => {
    expect(correctTyped(name, typed, range, current)).toEqual(notice === undefined ? { value } : { value, notice });
  });
});

describe('control ranges', () => {
  // A value corrected into a box's range must be one the worker takes.
  it('lie inside what the worker accepts', () => {
    for (const [setting, scale] of [
      ['imbalance', RHO_SCALE],
      ['batchSize', BATCH_SCALE],
      ['seed', SEED_SCALE],
      ['learningRate', LR_SCALE],
    ] as const) {
      expect([settingError(setting, scale.min), settingError(setting, scale.max)]).toEqual([null, null]);
    }
    expect(DELAY_SCALE.min).toBeGreaterThanOrEqual(STEP_DELAY_LIMITS.min);
    expect(DELAY_SCALE.max).toBeLessThanOrEqual(STEP_DELAY_LIMITS.max);
    for (const [field, range] of Object.entries(SCHEDULE_RANGES))
      expect(range).toMatchObject(SCHEDULE_LIMITS[field as keyof typeof SCHEDULE_LIMITS]);
  });
});
