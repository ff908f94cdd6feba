import { unhandled } from '../trainer/shared/protocol';
import { scheduleError, type LrSchedule } from '../trainer/shared/schedule';
import { quote, type Corrected } from './correct';

/** A schedule as a URL value: `constant`, `step:FACTOR:EVERY_EPOCHS` or `cosine:EPOCHS:MIN_FACTOR`. */
export function scheduleToParam(s: LrSchedule): string {
  switch (s.kind) {
    case 'constant':
      return 'constant';
    case 'step':
      return `step:${s.factor}:${s.everyEpochs}`;
    case 'cosine':
      return `cosine:${s.epochs}:${s.minFactor}`;
    default:
      return unhandled(s);
  }
}

/** Reads a schedule from its URL value; an invalid one falls back to constant with a notice. */
export function scheduleFromParam(raw: string): Corrected<LrSchedule> {
  const parts = raw.split(':');
  const [kind, a, b] = parts;
  const n = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));
  const s: unknown =
    kind === 'step'
      ? { kind, factor: n(a, 0.1), everyEpochs: n(b, 5) }
      : kind === 'cosine'
        ? { kind, epochs: n(a, 10), minFactor: n(b, 0) }
        : { kind };
  // Nothing may trail what the kind reads (`step:0.1:5:junk`): it would be dropped without a word.
  const error =
    parts.length > (kind === 'constant' ? 1 : 3)
      ? 'expected constant, step:FACTOR:EVERY_EPOCHS or cosine:EPOCHS:MIN_FACTOR'
      : scheduleError(s);
  return error
    ? { value: { kind: 'constant' }, notice: `schedule=${quote(raw)}: ${error}; using constant` }
    : { value: s as LrSchedule };
}
