import { describe, expect, it } from 'vitest';
import { toRunView } from '../../../../core/sources/sourceView';
import type { SyncRun } from '../../../../core/sync/syncRun';

const run = (over: Partial<SyncRun>): SyncRun => ({
  tenantId: 'ten_a',
  sourceId: 'src_a',
  id: 'run_1',
  trigger: 'schedule',
  status: 'succeeded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:05:00.000Z',
  filesDone: 10,
  filesFailed: 0,
  filesSkipped: 0,
  bytes: 100,
  durationMs: 300_000,
  error: null,
  ...over,
});

describe('a run as the API shows it', () => {
  it('says a run that finished with failed files finished with problems, and how many', () => {
    // Act
    const view = toRunView(run({ filesFailed: 2 }));

    // Assess: the status stays what the machine recorded; the outcome tells the truth.
    expect(view).toMatchObject({ status: 'succeeded', outcome: 'finished_with_problems', filesFailed: 2 });
  });

  it.each([
    [{ status: 'succeeded' as const, filesFailed: 0 }, 'succeeded'],
    [{ status: 'running' as const, filesFailed: 3, finishedAt: null }, 'running'],
    [{ status: 'failed' as const, filesFailed: 1, error: 'boom' }, 'failed'],
  ])('keeps the plain outcome for %o', (over, outcome) => {
    expect(toRunView(run(over)).outcome).toBe(outcome);
  });
});
