import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

/** The lab is a static site; `npm start` builds it and serves it with `vite preview`. */
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    // harness.html: the page `npm run reproduce` and `npm run bench` drive headless (rolldownOptions is Vite 8's name for rollupOptions).
    rolldownOptions: { input: { main: page('index.html'), harness: page('harness.html') } },
  },
});
