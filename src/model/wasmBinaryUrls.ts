/// <reference types="vite/client" />
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WasmBinaryUrls } from './wasmBackend';

/**
 * The three wasm binaries as URLs on our own origin: Vite fingerprints and
 * copies them into the build, so no CDN is needed and COEP's require-corp
 * (needed for threads) is satisfied. For the worker bundle only, not Node.
 */
export const WASM_BINARY_URLS: WasmBinaryUrls = {
  'tfjs-backend-wasm.wasm': plain,
  'tfjs-backend-wasm-simd.wasm': simd,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd,
};
