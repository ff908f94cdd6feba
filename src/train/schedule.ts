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

/** Why a schedule is invalid, or null. */
export function scheduleError(s: unknown): string | null {
  if (typeof s !== 'object' || s === null) return 'schedule must be an object';
  const o = s as Record<string, unknown>;
  const num = (k: string, lo: number, hi: number) => typeof o[k] === 'number' && (o[k] as number) >= lo && (o[k] as number) <= hi;
  switch (o.kind) {
    case 'constant': return null;
    case 'step': return num('factor', 1e-4, 1) && num('everyEpochs', 0.01, 1000) ? null : 'step schedule needs factor in [0.0001, 1] and everyEpochs in [0.01, 1000]';
    case 'cosine': return num('epochs', 0.01, 1000) && num('minFactor', 0, 1) ? null : 'cosine schedule needs epochs in [0.01, 1000] and minFactor in [0, 1]';
    default: return `unknown schedule ${JSON.stringify(o.kind)}`;
  }
}
