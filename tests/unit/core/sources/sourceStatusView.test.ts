import { describe, expect, it } from 'vitest';
import { MOVING_SHOWN, toSourceStatusView } from '../../../../core/sources/sourceStatusView';
import type { Source } from '../../../../core/sources/source';
import type { SyncRun } from '../../../../core/sync/syncRun';
import type { TrackedFile } from '../../../../core/sync/trackedFile';

const source: Source = {
  tenantId: 't1',
  id: 's1',
  type: 'google_drive',
  name: 'Kho Quận 7',
  intervalMinutes: 15,
  config: { folderIds: ['f1'] },
  status: 'syncing',
  statusMessage: null,
  nextSyncAt: null,
  lastSyncAt: '2026-12-01T00:00:00.000Z',
  lastRunId: 'run_2',
  claim: null,
  totals: { files: 10, bytes: 10_000 },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
};

const run: SyncRun = {
  tenantId: 't1',
  sourceId: 's1',
  id: 'run_2',
  trigger: 'schedule',
  status: 'running',
  startedAt: '2026-12-03T10:00:00.000Z',
  finishedAt: null,
  filesDone: 0,
  filesFailed: 0,
  filesSkipped: 0,
  bytes: 0,
  durationMs: null,
  error: null,
};

function moving(id: string, runId: string, size: number, bytesTransferred: number): TrackedFile {
  return {
    tenantId: 't1', sourceId: 's1', providerFileId: id, name: `${id}.mp4`, relativePath: `Cam1/${id}.mp4`, cameraId: 'cam1',
    mimeType: 'video/mp4', size, md5: null, revision: '1', modifiedTime: null, recordingStartAt: null, s3Key: null,
    status: 'transferring', attempts: 0, lastError: null, reason: null, bytesTransferred, checkpoint: null, runId,
    createdAt: run.startedAt, updatedAt: run.startedAt,
  };
}

describe('toSourceStatusView', () => {
  it('says a claimed source whose run has not begun is starting', () => {
    const view = toSourceStatusView(source, { ...run, id: 'run_1', status: 'succeeded' }, []);
    expect(view.progress).toMatchObject({ phase: 'starting', runId: null, planned: null });
  });

  it('says a run without a plan is listing, whatever files are in transfer', () => {
    const view = toSourceStatusView(source, run, [moving('a', 'run_1', 100, 50)]);
    expect(view.progress).toMatchObject({ phase: 'listing', planned: null, moving: [] });
  });

  it('counts settled files and moving bytes of this run against its plan, and adds what it stored to the totals', () => {
    const counted: SyncRun = { ...run, planned: { files: 5, bytes: 1_000 }, progress: { storedFiles: 2, storedBytes: 400 } };
    const view = toSourceStatusView(source, counted, [moving('a', 'run_2', 300, 120), moving('old', 'run_1', 300, 300)], { files: 1, bytes: 100 });
    expect(view.progress).toMatchObject({ phase: 'transferring', planned: { files: 5, bytes: 1_000 }, filesStored: 2, filesFailed: 1, bytesDone: 620 });
    expect(view.progress?.moving.map((file) => file.providerFileId)).toEqual(['a']);
    expect(view.totals).toEqual({ files: 12, bytes: 10_400 });
  });

  it('says finishing once every planned file settled and none moves', () => {
    const counted: SyncRun = { ...run, planned: { files: 2, bytes: 500 }, progress: { storedFiles: 1, storedBytes: 300 } };
    expect(toSourceStatusView(source, counted, [], { files: 1, bytes: 200 }).progress).toMatchObject({ phase: 'finishing', bytesDone: 500 });
  });

  it('says finishing, not starting, while a finished run still holds the claim', () => {
    const finished: SyncRun = { ...run, status: 'succeeded', planned: { files: 1, bytes: 10 }, progress: { storedFiles: 1, storedBytes: 10 } };
    const claimed: Source = { ...source, claim: { runId: 'run_2', claimedAt: run.startedAt, leaseUntil: '2026-12-03T11:00:00.000Z' } };

    expect(toSourceStatusView(claimed, finished, []).progress).toMatchObject({ phase: 'finishing', runId: 'run_2' });
    expect(toSourceStatusView(claimed, finished, []).totals).toEqual({ files: 11, bytes: 10_010 });
    expect(toSourceStatusView({ ...claimed, claim: { ...claimed.claim!, runId: 'run_3' } }, finished, []).progress).toMatchObject({ phase: 'starting' });
  });

  it('shows no more than a handful of moving files', () => {
    const many = Array.from({ length: MOVING_SHOWN + 5 }, (_, i) => moving(`f${i}`, 'run_2', 10, 1));
    const view = toSourceStatusView(source, { ...run, planned: { files: 100, bytes: 1_000 } }, many);
    expect(view.progress?.moving).toHaveLength(MOVING_SHOWN);
  });

  it('has no progress and the stored totals alone once the run finished', () => {
    const finished: SyncRun = { ...run, status: 'succeeded', filesDone: 3, planned: { files: 3, bytes: 300 }, progress: { storedFiles: 3, storedBytes: 300 } };
    const view = toSourceStatusView({ ...source, status: 'idle', totals: { files: 13, bytes: 10_300 } }, finished, []);
    expect(view.progress).toBeNull();
    expect(view.totals).toEqual({ files: 13, bytes: 10_300 });
    expect(view.lastRun).toMatchObject({ id: 'run_2', status: 'succeeded', filesDone: 3 });
  });
});
