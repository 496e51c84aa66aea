import { describe, expect, it } from 'vitest';
import type { Run } from '../api/types';
import { runResult } from './runResult';

const run = (over: Partial<Run>): Run => ({
  id: 'run_1',
  trigger: 'schedule',
  status: 'succeeded',
  outcome: 'succeeded',
  startedAt: '2026-01-01T00:00:00.000Z',
  finishedAt: '2026-01-01T00:05:00.000Z',
  filesDone: 10,
  filesFailed: 0,
  filesSkipped: 0,
  bytes: 100,
  durationMs: 300_000,
  error: null,
  errorCode: null,
  ...over,
});

describe('the words for how a run went', () => {
  it('says "Finished with 2 problems" (a warning, not a green success) when files failed', () => {
    expect(runResult(run({ outcome: 'finished_with_problems', filesFailed: 2 }))).toEqual({ label: 'Finished with 2 problems', tone: 'warn' });
  });

  it('says one problem in the singular', () => {
    expect(runResult(run({ outcome: 'finished_with_problems', filesFailed: 1 })).label).toBe('Finished with 1 problem');
  });

  it('falls back on the failed count when an older server sends no outcome', () => {
    const { outcome: _omitted, ...old } = run({ filesFailed: 3 });
    expect(runResult(old as Run).label).toBe('Finished with 3 problems');
  });

  it.each([
    ['succeeded', 'Succeeded', 'ok'],
    ['running', 'Running', 'info'],
    ['failed', 'Failed', 'danger'],
  ] as const)('says %s as %s', (outcome, label, tone) => {
    const status = outcome === 'failed' ? 'failed' : outcome === 'running' ? 'running' : 'succeeded';
    expect(runResult(run({ outcome, status }))).toEqual({ label, tone });
  });
});
