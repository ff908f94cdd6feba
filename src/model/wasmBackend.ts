import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { patchWasmKernels } from './wasmKernels';
import { wasmThreadCount } from '../trainer/shared/wasmThreads';

/** The three tfjs wasm binaries by file name: tfjs loads one, by SIMD and thread support. */
export type WasmBinaryUrls = Record<
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm',
  string
>;

/** What the wasm backend runs with. */
export interface WasmInfo {
  simd: boolean;
  threads: number;
}

/**
 * Runs `init` while navigator.hardwareConcurrency reads at least 2 × `threads`. tfjs 4.22's
 * native code caps its thread pool at hardwareConcurrency / 2, read once when the module is
 * instantiated, assuming two hyper-threads per core; on a 2-vCPU machine that means one thread
 * whatever setThreadsCount asks. The shadowing own property is removed as soon as init ends.
 */
async function withCoresForThreads<T>(threads: number, init: () => Promise<T>): Promise<T> {
  const nav = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  const cores = nav?.hardwareConcurrency ?? 1;
  if (!nav || cores >= 2 * threads) return init();
  Object.defineProperty(nav, 'hardwareConcurrency', { value: 2 * threads, configurable: true });
  try {
    return await init();
  } finally {
    delete (nav as { hardwareConcurrency?: number }).hardwareConcurrency;
  }
}

/**
 * Makes tfjs's wasm backend current, with the kernel patches of wasmKernels,
 * loading the binaries from `binaries` (a folder ending in '/', or one URL per
 * file), on `threads` threads (0 = one per logical core). Threads need
 * SharedArrayBuffer, i.e. a cross-origin isolated page; without it tfjs loads
 * the single-threaded SIMD binary by itself, and the result says 1 thread.
 * The module is instantiated once per page or worker, so a later call keeps the
 * first call's thread count (the result says which).
 */
export async function initWasmBackend(binaries: string | WasmBinaryUrls, threads = 0): Promise<WasmInfo> {
  setWasmPaths(binaries);
  patchWasmKernels();
  const count = wasmThreadCount(threads, globalThis.navigator?.hardwareConcurrency ?? 1);
  // One thread needs no pool: the threaded binary would still start its eight thread workers, and
  // those of a nested worker (a split run's helper) outlived their page in Chromium and stalled the next one.
  if (count === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setThreadsCount(count);
  if (!(await withCoresForThreads(count, () => tf.setBackend('wasm'))))
    throw new Error('the tfjs wasm backend failed to initialise');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd, threads: getThreadsCount() };
}
