import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The lab is a static site; `npm start` builds it and serves it with `vite preview`. */
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
