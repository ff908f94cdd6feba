import type { Rng } from '../math/random';
import type { ParamSpec } from './architecture';

/** Initial values of one parameter from a seeded RNG, so a seed fixes the weights on every backend. */
export function initialValue(spec: ParamSpec, rng: Rng): Float32Array {
  const size = spec.shape.reduce((x, y) => x * y, 1);
  const v = new Float32Array(size);
  switch (spec.init) {
    case 'he': {
      // He-normal, the usual choice in front of (P)ReLU.
      const std = Math.sqrt(2 / spec.fanIn);
      for (let i = 0; i < size; i++) v[i] = std * rng.normal();
      return v;
    }
    case 'zeros':
      return v;
    case 'ones':
      return v.fill(1);
    case 'prelu':
      return v.fill(0.25);
  }
}
