import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './tests/setup/slowFirstSequencer';

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
    // expect.poll waits on a condition; its default second is too short with two files at a
    // time on two cores (lists counted before their page answered). Passing polls end as early as before.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 120_000,
    pool: 'forks',
    // Most suites wait on stand-ins, ffmpeg and Chromium rather than compute, so
    // two files at a time fit a 2-core CI machine (vitest's default there is one).
    maxWorkers: 2,
    // A clean clone has no durations cached: the known-slow files go first so neither worker idles at the end.
    sequence: { sequencer: SlowFirstSequencer },
    reporters: ['default', './tests/setup/summaryReporter.ts'],
  },
});
