import { describe, expect, it } from 'vitest';
import type { SourceStatusView, SourceSummary } from '../../../lib/api/types';
import { countsKeyOf, storedTotals, trackedCount } from './pageSnapshot';

const status = (filesStored: number, bytesDone: number): SourceStatusView => ({
  status: 'syncing',
  statusMessage: null,
  nextSyncAt: null,
  lastSyncAt: null,
  totals: { files: 3 + filesStored, bytes: 1000 + filesStored * 10 },
  lastRun: null,
  progress: { runId: 'run_1', phase: 'transferring', planned: { files: 6, bytes: 60 }, filesStored, filesFailed: 0, bytesDone, moving: [] },
  deletion: null,
});

const summary = (done: number, truncated = false): SourceSummary => ({
  files: { pending: 2, transferring: 1, done, failed: 1, skipped: 1, removed: 0, expired: 0 },
  bytesStored: done * 100,
  cameras: [],
  transferring: [],
  truncated,
});

describe('the source page snapshot', () => {
  it('asks for a new snapshot when a file is stored, not while bytes only move', () => {
    expect(countsKeyOf(status(1, 15))).toBe(countsKeyOf(status(1, 25)));
    expect(countsKeyOf(status(2, 25))).not.toBe(countsKeyOf(status(1, 25)));
  });

  it('shows the stored totals counted with the cameras, and the counters only when the summary could not read every file', () => {
    expect(storedTotals(summary(4), status(1, 0))).toEqual({ files: 4, bytes: 400 });
    expect(storedTotals(summary(4, true), status(1, 0))).toEqual({ files: 4, bytes: 1010 });
    expect(storedTotals(null, null)).toBeNull();
  });

  it('counts every tracked file whatever its status', () => {
    expect(trackedCount(summary(4))).toBe(9);
  });
});
