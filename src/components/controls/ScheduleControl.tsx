import { SCHEDULE_RANGES } from './controlScales';
import type { LrSchedule } from '../../trainer/shared/schedule';
import { TypedNumber } from './TypedNumber';

/** The learning-rate schedule of the next run: kind and its two numbers. */
export function ScheduleControl({ value, onChange }: { value: LrSchedule; onChange: (s: LrSchedule) => void }) {
  const kind = value.kind;
  const num = (
    label: string,
    spoken: string,
    field: keyof typeof SCHEDULE_RANGES,
    v: number,
    set: (n: number) => LrSchedule,
  ) => (
    <label className="choice-control">
      <span>{label}</span>
      <TypedNumber
        name={spoken}
        ariaLabel={spoken}
        range={SCHEDULE_RANGES[field]}
        value={v}
        onChange={(n) => onChange(set(n))}
      />
    </label>
  );
  return (
    <fieldset className="hyper">
      <legend>Learning-rate schedule</legend>
      <label className="choice-control">
        <span className="control-label">Schedule</span>
        <select
          aria-label="learning rate schedule"
          value={kind}
          onChange={(e) =>
            onChange(
              e.target.value === 'step'
                ? { kind: 'step', factor: 0.1, everyEpochs: 5 }
                : e.target.value === 'cosine'
                  ? { kind: 'cosine', epochs: 10, minFactor: 0.01 }
                  : { kind: 'constant' },
            )
          }
        >
          <option value="constant">constant</option>
          <option value="step">step decay</option>
          <option value="cosine">cosine</option>
        </select>
      </label>
      {value.kind === 'step' ? (
        <>
          {num('× factor', 'step decay factor', 'factor', value.factor, (factor) => ({ ...value, factor }))}
          {num('every (epochs)', 'step decay every epochs', 'everyEpochs', value.everyEpochs, (everyEpochs) => ({
            ...value,
            everyEpochs,
          }))}
        </>
      ) : null}
      {value.kind === 'cosine' ? (
        <>
          {num('over (epochs)', 'cosine epochs', 'epochs', value.epochs, (epochs) => ({ ...value, epochs }))}
          {num('floor (× base)', 'cosine floor factor', 'minFactor', value.minFactor, (minFactor) => ({
            ...value,
            minFactor,
          }))}
        </>
      ) : null}
    </fieldset>
  );
}
