/**
 * Learning-rate schedules, as functions of training progress in epochs
 * (fractional: 2.5 is half-way through the third epoch).
 * - constant: the base rate throughout;
 * - step: multiplied by `factor` at every `everyEpochs` epochs (e.g. ×0.1 every 5);
 * - cosine: from the base rate down to base·minFactor over `epochs` epochs, then held.
 */
export type LrSchedule =
  | { kind: 'constant' }
  | { kind: 'step'; factor: number; everyEpochs: number }
  | { kind: 'cosine'; epochs: number; minFactor: number };

/** The learning rate at `progress` epochs into training, for base rate `base`. */
export function learningRateAt(base: number, s: LrSchedule, progress: number): number {
  switch (s.kind) {
    case 'constant':
      return base;
    case 'step':
      return base * s.factor ** Math.floor(Math.max(0, progress) / s.everyEpochs + 1e-9);
    case 'cosine': {
      const t = Math.min(1, Math.max(0, progress / s.epochs));
      return base * (s.minFactor + (1 - s.minFactor) * 0.5 * (1 + Math.cos(Math.PI * t)));
    }
  }
}

/** Inclusive valid ranges of the schedules' numbers (the typed boxes correct into these too). */
export const SCHEDULE_LIMITS = {
  factor: { min: 1e-4, max: 1, integer: false },
  everyEpochs: { min: 0.01, max: 1000, integer: false },
  epochs: { min: 0.01, max: 1000, integer: false },
  minFactor: { min: 0, max: 1, integer: false },
} as const satisfies Record<string, { min: number; max: number; integer: boolean }>;

type ScheduleNumber = keyof typeof SCHEDULE_LIMITS;

/** Why a schedule is invalid, or null. */
export function scheduleError(s: unknown): string | null {
  if (typeof s !== 'object' || s === null) return 'schedule must be an object';
  const o = s as Record<string, unknown>;
  const num = (k: ScheduleNumber) =>
    typeof o[k] === 'number' &&
    (o[k] as number) >= SCHEDULE_LIMITS[k].min &&
    (o[k] as number) <= SCHEDULE_LIMITS[k].max;
  const needs = (kind: string, a: ScheduleNumber, b: ScheduleNumber) =>
    num(a) && num(b)
      ? null
      : `${kind} schedule needs ${[a, b].map((k) => `${k} in [${SCHEDULE_LIMITS[k].min}, ${SCHEDULE_LIMITS[k].max}]`).join(' and ')}`;
  switch (o.kind) {
    case 'constant':
      return null;
    case 'step':
      return needs('step', 'factor', 'everyEpochs');
    case 'cosine':
      return needs('cosine', 'epochs', 'minFactor');
    default:
      return `unknown schedule ${JSON.stringify(o.kind)}`;
  }
}
