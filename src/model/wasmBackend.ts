import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { patchWasmKernels } from './wasmKernels';

/** The three tfjs wasm binaries by file name: tfjs loads one, by SIMD and thread support. */
export type WasmBinaryUrls = Record<
  'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

/** What the wasm backend runs with. */
export interface WasmInfo { simd: boolean; threads: number }

/**
 * Makes tfjs's wasm backend current, with the kernel patches of wasmKernels,
 * loading the binaries from `binaries` (a folder ending in '/', or one URL per
 * file). Threads need SharedArrayBuffer, i.e. a cross-origin isolated page;
 * without it tfjs loads the single-threaded SIMD binary by itself. tfjs 4.22
 * then runs navigator.hardwareConcurrency / 2 threads and ignores
 * setThreadsCount, so there is no thread-count parameter.
 */
export async function initWasmBackend(binaries: string | WasmBinaryUrls): Promise<WasmInfo> {
  setWasmPaths(binaries);
  patchWasmKernels();
  if (!(await tf.setBackend('wasm'))) throw new Error('the tfjs wasm backend failed to initialise');
  const simd = Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'));
  return { simd, threads: getThreadsCount() };
}
