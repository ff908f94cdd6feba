import type { Rng } from '../math/random';
import type { BackboneParam } from './architecture';

/** Initial values of one parameter from a seeded RNG, so a seed fixes the weights on every backend. */
export function initialValue(spec: BackboneParam, rng: Rng): Float32Array {
  const size = spec.shape.reduce((x, y) => x * y, 1);
  const v = new Float32Array(size);
  switch (spec.init) {
    case 'uniform': {
      // PyTorch's default (kaiming_uniform with a = √5 gives this bound). He-normal's √6×
      // larger kernels made every scale-invariant layer before batch norm learn slower
      // under Adam: ICU reached 67.1 % after one epoch instead of 89.3 % (docs/network.md).
      const bound = 1 / Math.sqrt(spec.fanIn);
      for (let i = 0; i < size; i++) v[i] = bound * (2 * rng.next() - 1);
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
