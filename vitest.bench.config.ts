import { defineConfig } from 'vitest/config';

// Benchmarks are run by hand (`npm run bench`); they write docs/BENCHMARKS.md figures.
export default defineConfig({
  test: {
    include: ['tests/bench/**/*.bench.ts'],
    setupFiles: ['tests/setup/polyfills.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 1_800_000,
  },
});
