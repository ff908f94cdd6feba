import { describe, expect, it } from 'vitest';
import { gaussianParams, typedHead } from './headParams';

describe('typedHead', () => {
  const means = Float32Array.from([0, 1]),
    logVars = Float32Array.from([0, 0]);

  it('types a frame’s params by head id and picks out the Gaussian heads', () => {
    const icu = typedHead('icu', { means, logVars, extra: means });
    expect(icu).toEqual({ id: 'icu', params: { means, logVars } });
    expect(gaussianParams(icu)).toBe(icu.params);
    expect(gaussianParams(typedHead('lsoftmax', { weights: means }))).toBeNull();
  });

  it('names the head and the missing parameter', () => {
    expect(() => typedHead('icu', { means })).toThrow('icu head frame has no "logVars" parameter');
  });
});
