import { describe, expect, it } from 'vitest';
import { convertLogVars } from './logVarShapes';

describe('convertLogVars', () => {
  const diag = Float32Array.from([0, -2, 1, 3]);
  it('averages diag into iso and repeats iso into diag', () => {
    expect(Array.from(convertLogVars(diag, [2, 2], [2, 1])!)).toEqual([-1, 2]);
    expect(Array.from(convertLogVars(Float32Array.from([-1, 2]), [2, 1], [2, 2])!)).toEqual([-1, -1, 2, 2]);
  });
  it('starts from the identity (zeros) and drops to none', () => {
    expect(Array.from(convertLogVars(null, null, [2, 2])!)).toEqual([0, 0, 0, 0]);
    expect(convertLogVars(diag, [2, 2], null)).toBeNull();
    expect(Array.from(convertLogVars(diag, [2, 2], [2, 2])!)).toEqual(Array.from(diag));
  });
});
