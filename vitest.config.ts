import { defineConfig, type ViteUserConfig } from 'vitest/config';
import SlowFirstSequencer from './tests/setup/slowFirstSequencer';

/**
 * Unit tests (no stand-ins, no child processes, no environment changes) run
 * without per-file isolation: one module graph per worker instead of one per
 * file. Measured on the 112 unit and web files: 30 s of CPU against 134 s
 * isolated, nearly all of it importing the same modules again for every file.
 */
const UNIT_FILES = ['tests/unit/**/*.test.ts', 'web/src/**/*.test.ts'];

/**
 * CDK template checks: they set no environment and start nothing (appSynth runs
 * its synth in a child process), so they too share one module graph per worker:
 * aws-cdk-lib is imported once, and the default app is synthesized once
 * (tests/infra/synthVtrack.ts sharedVtrack) instead of once per file. Measured
 * on the ten template files run together: 23 s of CPU against 57 s isolated.
 */
const INFRA_FILES = ['tests/infra/**/*.test.ts'];

/**
 * Port contract suites: each file starts its own stand-in (or none) in
 * beforeAll and sets no environment, so they share a module graph per worker
 * as well (the barcode reader's WebAssembly and the SDK load once). Measured on
 * the ten files run together: 27.5 s of CPU against 34 s isolated.
 */
const CONTRACT_FILES = ['tests/contracts/**/*.test.ts'];

/** Options both projects share (a project does not inherit the root's test options unless told to). */
const shared: NonNullable<ViteUserConfig['test']> = {
  setupFiles: ['tests/setup/polyfills.ts'],
  testTimeout: 60_000,
  // expect.poll waits on a condition; its default second is too short with two files at a
  // time on two cores (lists counted before their page answered). Passing polls end as early as before.
  expect: { poll: { timeout: 10_000 } },
  hookTimeout: 120_000,
  pool: 'forks',
};

// One run covers unit, integration, infra and browser suites. Integration suites
// start their own stand-ins on ephemeral loopback ports, so files run in parallel.
export default defineConfig({
  test: {
    // The web's message functions are generated (web/i18n/compileMessages.mjs). Run once, by the root
    // project (vitest always runs the root's global setup), not again for each project.
    globalSetup: ['tests/setup/compileMessages.ts'],
    // Most suites wait on stand-ins, ffmpeg and Chromium rather than compute, so
    // two files at a time fit a 2-core CI machine (vitest's default there is one).
    maxWorkers: 2,
    // A clean clone has no durations cached: the known-slow files go first so neither worker idles at the end.
    sequence: { sequencer: SlowFirstSequencer },
    reporters: ['default', './tests/setup/summaryReporter.ts'],
    projects: [
      { test: { ...shared, name: 'unit', include: UNIT_FILES, isolate: false } },
      { test: { ...shared, name: 'infra', include: INFRA_FILES, isolate: false } },
      { test: { ...shared, name: 'contracts', include: CONTRACT_FILES, isolate: false } },
      // Integration, contract, infra, security and browser suites: each file in a fresh module graph,
      // as they start stand-ins, set environment variables and hold module-level wiring.
      { test: { ...shared, name: 'suites', include: ['tests/**/*.test.ts'], exclude: ['tests/bench/**', 'node_modules/**', ...UNIT_FILES, ...INFRA_FILES, ...CONTRACT_FILES] } },
    ],
  },
});
