import { defineConfig } from 'vitest/config';

// One run covers unit, integration, infra and browser suites. Integration suites
// start their own stand-ins on ephemeral loopback ports, so files run in parallel.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    setupFiles: ['tests/setup/polyfills.ts'],
    // The web's message functions are generated (web/i18n/compileMessages.mjs).
    globalSetup: ['tests/setup/compileMessages.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default', './tests/setup/summaryReporter.ts'],
  },
});
