import { SCHEDULE_LIMITS } from '../../trainer/shared/schedule';
import { LIMITS } from '../../trainer/shared/config';
import type { Range } from '../../url/correct';
import type { SliderScale } from './sliderScale';

// The ranges of the number boxes that set the run. Each lies inside what the worker accepts
// (controlScales.test.ts checks it), so a value corrected into it is never refused; some are
// narrower than the worker's limits so that the slider stays useful.

/** Imbalance ratio ρ: the worker's whole range. */
export const RHO_SCALE = { ...LIMITS.imbalance, scale: 'log', zeroAllowed: false } as const satisfies SliderScale;
/** Batch size; 0, the slider's left end, leaves it to the network. */
export const BATCH_SCALE = {
  min: 8,
  max: 512,
  scale: 'log',
  zeroAllowed: true,
  integer: true,
} as const satisfies SliderScale;
export const SEED_SCALE = {
  min: 0,
  max: 9999,
  scale: 'linear',
  zeroAllowed: false,
  integer: true,
} as const satisfies SliderScale;
export const LR_SCALE = {
  min: 1e-5,
  max: 1,
  scale: 'log',
  zeroAllowed: false,
  integer: false,
} as const satisfies SliderScale;
/** Milliseconds between steps. */
export const DELAY_SCALE = {
  min: 0,
  max: 2000,
  scale: 'linear',
  zeroAllowed: false,
  integer: true,
} as const satisfies SliderScale;

/** The schedule's numbers: typed only (no slider), over the worker's whole range. */
export const SCHEDULE_RANGES = {
  factor: { ...SCHEDULE_LIMITS.factor, zeroAllowed: false },
  everyEpochs: { ...SCHEDULE_LIMITS.everyEpochs, zeroAllowed: false },
  epochs: { ...SCHEDULE_LIMITS.epochs, zeroAllowed: false },
  minFactor: { ...SCHEDULE_LIMITS.minFactor, zeroAllowed: false },
} as const satisfies Record<keyof typeof SCHEDULE_LIMITS, Range>;
