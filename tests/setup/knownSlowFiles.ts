/**
 * Test files that take longest, longest first, with their seconds in the CI run
 * this list was taken from (2 workers on 2 cores). The sequencer starts these
 * first; see slowFirstSequencer.ts for why. Only the order matters, so the
 * numbers need no upkeep until a file's place changes a lot. slicedRecording
 * (93 s then) left the list when it stopped generating its video (a quarter of its CPU time).
 */
export const KNOWN_SLOW_FILES: readonly { readonly file: string; readonly seconds: number }[] = [
  { file: 'tests/integration/drive/driveSyncMessyTree.test.ts', seconds: 185 },
  { file: 'tests/integration/drive/driveSyncLarge.test.ts', seconds: 150 },
  { file: 'tests/e2e/storagePage.e2e.test.ts', seconds: 121 },
  { file: 'tests/integration/processing/cloudProcessing.test.ts', seconds: 117 },
  { file: 'tests/integration/processing/generatedFixtures.test.ts', seconds: 111 },
  { file: 'tests/integration/edgeAgent/agentUploader.test.ts', seconds: 99 },
  { file: 'tests/e2e/messyDrive.e2e.test.ts', seconds: 95 },
  { file: 'tests/e2e/languages.e2e.test.ts', seconds: 83 },
  { file: 'tests/integration/edgeAgent/cameraBackfill.test.ts', seconds: 83 },
  { file: 'tests/e2e/cameraOnboarding.e2e.test.ts', seconds: 83 },
  { file: 'tests/e2e/camerasEdit.e2e.test.ts', seconds: 79 },
  // Estimated from its CPU time after its footage was cut from 60 s to 36 s (103 s in that CI run).
  { file: 'tests/integration/processing/longOrder.test.ts', seconds: 65 },
  { file: 'tests/infra/appSynth.test.ts', seconds: 63 },
];
