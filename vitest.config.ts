import { defineConfig } from 'vitest/config';

/** Unit tests: pure cores in Node (tfjs on its cpu backend). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
