import { spokenName } from './sliderScale';
import { anyHead } from '../../loss/heads';
import type { HeadSetup } from '../../trainer/shared/config';
import { DocsLink } from './DocsLink';
import { NumberControl } from './NumberControl';

/** Live controls for one head's hyper-parameters, built from the registry's specs. */
export function HyperControls({
  setup,
  name: key,
  onChange,
}: {
  setup: HeadSetup;
  /** The head's key in accessible names: its id, or "icu 2" when its kind runs twice. */
  name: string;
  onChange: (name: string, value: number | string) => void;
}) {
  const head = anyHead(setup.id),
    specs = head.hyper;
  const hyper = setup.hyper as Record<string, number | string>;
  return (
    <fieldset className="hyper">
      <legend>{key} hyper-parameters</legend>
      {Object.entries(specs).map(([name, spec]) => {
        const value = hyper[name] ?? spec.default;
        const spoken = `${spokenName(name)} (${key})`;
        if (spec.kind === 'choice') {
          return (
            <label key={name} className="choice-control">
              <span className="control-label">{spec.label}</span>
              <select
                aria-label={spoken}
                value={String(value)}
                onChange={(e) => onChange(name, spec.options.find((o) => String(o) === e.target.value) ?? spec.default)}
              >
                {spec.options.map((o) => (
                  <option key={String(o)} value={String(o)}>
                    {String(o)}
                  </option>
                ))}
              </select>
            </label>
          );
        }
        return (
          <NumberControl
            key={name}
            label={spec.label}
            spoken={spoken}
            value={Number(value)}
            hint={spec.hint}
            scale={{
              min: spec.min,
              max: spec.max,
              scale: spec.scale,
              zeroAllowed: spec.zeroAllowed,
              integer: spec.integer,
            }}
            onChange={(v) => onChange(name, v)}
          />
        );
      })}
      <p className="hint">
        What {head.name} computes{head.docsNote ? `, ${head.docsNote}` : ''}:{' '}
        <DocsLink section={head.name}>docs/losses.md</DocsLink>
      </p>
    </fieldset>
  );
}
