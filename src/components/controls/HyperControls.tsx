import { HYPER_SPECS } from '../../loss/hyperSpecs';
import { spokenName } from '../../app/sliderScale';
import type { AnyHyperSpec } from '../../loss/hyperValidation';
import type { HeadSetup } from '../../trainer/shared/config';
import { HEAD_NAMES } from '../../loss/heads';
import { DocsLink } from './DocsLink';
import { NumberControl } from './NumberControl';

/** What the ICU margins do, beside their sliders (docs/losses.md has the whole story). */
const HINTS: Record<string, string> = {
  'icu.alpha':
    'Inter-class margin: the true class\u2019s distance is scaled by 1 + α. Once σ² < 1 the distance is negative and α turns into slack.',
  'icu.gamma':
    'Intra-class margin: the true class\u2019s covariance is scaled by 1 + γ inside its log-determinant, asking each class to be tighter.',
  'icu.lambdaMu': 'Pulls each learned mean μ toward its batch mean μ̄ (Eq. 14).',
  'icu.lambdaSigma': 'Pulls each learned variance σ² toward the batch variance σ̄² (Eq. 14).',
};

/** Live controls for one head's hyper-parameters, built from the registry's specs. */
export function HyperControls({
  setup,
  onChange,
}: {
  setup: HeadSetup;
  onChange: (name: string, value: number | string) => void;
}) {
  const specs = HYPER_SPECS[setup.id] as Readonly<Record<string, AnyHyperSpec>>;
  const hyper = setup.hyper as Record<string, number | string>;
  return (
    <fieldset className="hyper">
      <legend>{setup.id} hyper-parameters</legend>
      {Object.entries(specs).map(([name, spec]) => {
        const value = hyper[name] ?? spec.default;
        const spoken = `${spokenName(name)} (${setup.id})`;
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
            hint={HINTS[`${setup.id}.${name}`]}
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
        What {HEAD_NAMES[setup.id]} computes{setup.id === 'icu' ? ', and when α turns into slack' : ''}:{' '}
        <DocsLink section={HEAD_NAMES[setup.id]}>docs/losses.md</DocsLink>
      </p>
    </fieldset>
  );
}
