/**
 * Test files that take longest, longest first, with their seconds in the CI run
 * this list was taken from (2 workers on 2 cores). The sequencer starts these
 * first; see slowFirstSequencer.ts for why. Only the order matters, so the
 * numbers need no upkeep until a file's place changes a lot.
 */
export const KNOWN_SLOW_FILES: readonly { readonly file: string; readonly seconds: number }[] = [
  { file: 'tests/integration/drive/driveSyncMessyTree.test.ts', seconds: 231 },
  { file: 'tests/integration/drive/driveSyncLarge.test.ts', seconds: 151 },
  { file: 'tests/integration/processing/cloudProcessing.test.ts', seconds: 102 },
  { file: 'tests/integration/processing/generatedFixtures.test.ts', seconds: 93 },
  { file: 'tests/integration/processing/slicedRecording.test.ts', seconds: 92 },
  { file: 'tests/integration/edgeAgent/agentUploader.test.ts', seconds: 91 },
  { file: 'tests/infra/appSynth.test.ts', seconds: 81 },
  { file: 'tests/integration/edgeAgent/cameraBackfill.test.ts', seconds: 77 },
];
