/** tfjs's threaded wasm binary starts this many thread workers; XNNPACK can use no more. */
export const MAX_WASM_THREADS = 8;

/** The thread count `requested` means on a machine with `logicalCores` (0 = one per logical core). */
export function wasmThreadCount(requested: number, logicalCores: number): number {
  const wanted = requested > 0 ? requested : logicalCores;
  return Math.max(1, Math.min(MAX_WASM_THREADS, Math.floor(wanted)));
}
