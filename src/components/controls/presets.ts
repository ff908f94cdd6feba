import { quote, type Corrected } from '../../url/correct';
import type { UrlParam } from '../../url/urlSchema';

/** A ready-made experiment: its URL parameters over the defaults. */
export interface Preset {
  id: string;
  name: string;
  query: string;
}

/** The presets the lab offers. */
export const PRESETS: readonly Preset[] = [
  {
    id: 'fig2',
    name: 'Fig. 2 (softmax · center · L-GM · ICU)',
    query: 'heads=softmax,center,lgm,icu&ellipses=learned,empirical&sigmas=1,2&field=1&boundaries=1',
  },
  {
    // ρ = 100: digit 0 keeps 100× as many training digits as digit 9; the per-class bars show what that costs.
    id: 'longtail',
    name: 'Long-tailed MNIST',
    query: 'heads=softmax,icu&imbalance=100&ellipses=learned,empirical&sigmas=2',
  },
  {
    // α and γ well above the paper's 1e-4 and 1e-3, so the margins visibly act (and α's slack shows in the diagnostics).
    id: 'margins',
    name: 'Margins explained',
    query: 'head=icu&icu.alpha=0.5&icu.gamma=0.5&ellipses=learned,empirical&sigmas=1,2&field=1&boundaries=1',
  },
];

/** Parameters a preset keeps from the URL it is applied over: what suits the machine and the reader, not the experiment. */
const KEPT: readonly UrlParam[] = ['train', 'test', 'batch', 'backend', 'points', 'draw', 'theme', 'autoplay'];

/** The query of a preset applied over `current`: the preset's parameters plus the kept ones of `current`. */
export function presetQuery(preset: Preset, current: URLSearchParams): URLSearchParams {
  const q = new URLSearchParams(preset.query);
  for (const name of KEPT) {
    const v = current.get(name);
    if (v !== null) q.set(name, v);
  }
  return q;
}

/** Expands `preset=<id>`: the preset's parameters first, then every other parameter of the URL over them. */
export function expandPreset(q: URLSearchParams): Corrected<URLSearchParams> {
  const id = q.get('preset');
  if (id === null) return { value: q };
  const rest = new URLSearchParams(q);
  rest.delete('preset');
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset)
    return { value: rest, notice: `preset=${quote(id)} is not one of ${PRESETS.map((p) => p.id).join(', ')}; ignored` };
  const out = new URLSearchParams(preset.query);
  rest.forEach((v, k) => out.set(k, v));
  return { value: out };
}
