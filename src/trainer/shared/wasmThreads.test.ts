import { describe, expect, it } from 'vitest';
import { MAX_WASM_THREADS, wasmThreadCount } from './wasmThreads';

describe('wasmThreadCount', () => {
  it('takes one thread per logical core when asked for 0, and what is asked otherwise', () => {
    expect(wasmThreadCount(0, 2)).toBe(2);
    expect(wasmThreadCount(0, 6)).toBe(6);
    expect(wasmThreadCount(3, 2)).toBe(3);
    expect(wasmThreadCount(1, 16)).toBe(1);
  });

  it('stays within the thread workers tfjs starts, and never below one', () => {
    expect(wasmThreadCount(0, 64)).toBe(MAX_WASM_THREADS);
    expect(wasmThreadCount(20, 2)).toBe(MAX_WASM_THREADS);
    expect(wasmThreadCount(0, 0)).toBe(1);
  });
});
