import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/** Unit tests: pure cores in Node (tfjs on its cpu backend). */
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Each file trains on one thread; Vitest's default leaves a core idle (one worker on two cores).
    maxWorkers: availableParallelism(),
  },
});
