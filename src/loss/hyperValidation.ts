import type { HeadId } from './heads';
import { HYPER_SPECS } from './hyperSpecs';
import type { ChoiceHyperSpec, HeadHyper, NumberHyperSpec } from './registryTypes';

/** Any hyper-parameter spec, seen without its head's precise types. */
export type AnyHyperSpec = NumberHyperSpec | ChoiceHyperSpec<string | number>;

/** The spec of hyper-parameter `name` of a head, or undefined if it has none by that name. */
export function hyperSpecOf(headId: HeadId, name: string): AnyHyperSpec | undefined {
  const specs: Readonly<Record<string, AnyHyperSpec>> = HYPER_SPECS[headId];
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/** Range check of a number: finite, integer if required, in [min, max] or exactly 0 where 0 switches a term off. */
function numberError(spec: NumberHyperSpec, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${spec.label} must be a finite number`;
  if (value === 0 && spec.zeroAllowed) return null;
  if (spec.integer && !Number.isInteger(value)) return `${spec.label} must be an integer`;
  if (value >= spec.min && value <= spec.max) return null;
  return `${spec.label} must be between ${spec.min} and ${spec.max}${spec.zeroAllowed ? ', or 0' : ''}`;
}

/** Membership check of a choice. */
function choiceError(spec: ChoiceHyperSpec<string | number>, value: unknown): string | null {
  if (spec.options.some((o) => o === value)) return null;
  return `${spec.label} must be one of ${spec.options.join(', ')}`;
}

/** An error message if `value` is not valid for hyper-parameter `name` of the head, else null. */
export function validateHyper(headId: HeadId, name: string, value: unknown): string | null {
  const spec = hyperSpecOf(headId, name);
  if (!spec) return `${headId} has no hyper-parameter '${name}'`;
  return spec.kind === 'number' ? numberError(spec, value) : choiceError(spec, value);
}

/** Every problem with a full hyper-parameter set: invalid values, and missing or unknown names. */
export function hyperErrors<H extends HeadId>(headId: H, hyper: HeadHyper[H]): string[] {
  const given: Readonly<Record<string, unknown>> = hyper;
  const names = new Set([...Object.keys(HYPER_SPECS[headId]), ...Object.keys(given)]);
  return [...names].flatMap((name) => {
    const error = validateHyper(headId, name, given[name]);
    return error ? [error] : [];
  });
}
