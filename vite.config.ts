import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/** tfjs-backend-wasm re-runs its factory's source text in its thread workers; the minifier's
 * typeof → void 0 rewrite leaves a free variable there ("e is not defined"), so compress is off
 * wherever wasm may run: the worker, and the harness page's main thread (npm run bench). */
const wasmSafeMinify = { compress: false, mangle: true } as const;

/** Cross-origin isolation: SharedArrayBuffer, hence tfjs's multithreaded wasm backend. */
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The lab is a static site; `npm start` builds it and serves it with `vite preview`. */
export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
    rolldownOptions: { output: { minify: wasmSafeMinify } },
  },
  server: { port: 5173, headers: isolation },
  preview: { port: 4173, strictPort: true, headers: isolation },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // harness.html: the page `npm run reproduce` and `npm run bench` drive headless (rolldownOptions is Vite 8's name for rollupOptions).
    rolldownOptions: {
      input: { main: page('index.html'), harness: page('harness.html') },
      output: { minify: wasmSafeMinify },
    },
  },
});
