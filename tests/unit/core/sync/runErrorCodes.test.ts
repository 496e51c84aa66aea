import { describe, expect, it } from 'vitest';
import { toRunView, toSourceView } from '../../../../core/sources/sourceView';
import type { Source } from '../../../../core/sources/source';
import { deadRunReason } from '../../../../core/sync/closeDeadRuns';
import { runErrorCodeInText, runErrorCodeOfFailure, sourceMessageCodeInText } from '../../../../core/sync/runErrorCodes';
import { startingRun, type SyncRun } from '../../../../core/sync/syncRun';

const lambdaFailure = (name: string, message: string): { Error: string; Cause: string } => ({
  Error: name,
  Cause: JSON.stringify({ errorType: name, errorMessage: message, trace: [] }),
});

const run = (over: Partial<SyncRun>): SyncRun => ({
  ...startingRun({ tenantId: 't', sourceId: 's', id: 'run_1', trigger: 'schedule', startedAt: '2026-12-01T00:00:00.000Z' }),
  status: 'failed',
  ...over,
});

const source = (over: Partial<Source>): Source => ({
  tenantId: 't', id: 's', type: 'google_drive', name: 'Kho', intervalMinutes: 15, config: { folderIds: ['f'] } as unknown as Source['config'],
  status: 'error', statusMessage: null, nextSyncAt: null, lastSyncAt: null, lastRunId: null, claim: null, totals: { files: 0, bytes: 0 },
  createdAt: 'x', updatedAt: 'x', ...over,
});

describe('run error codes of a failed step', () => {
  it('names the trouble from the error class where that says it', () => {
    expect(runErrorCodeOfFailure(lambdaFailure('ReauthRequiredError', 'Google refused the stored access; reconnect Google Drive'))).toBe('reauth_required');
    expect(runErrorCodeOfFailure(lambdaFailure('QuotaExceededError', 'Google Drive refused the download: downloadQuotaExceeded'))).toBe('drive_quota');
    expect(runErrorCodeOfFailure({ Error: 'States.Timeout' })).toBe('run_interrupted');
  });

  it('reads the words of the message for errors whose class says less', () => {
    expect(runErrorCodeOfFailure(lambdaFailure('NotFoundError', 'not found in Google Drive (deleted, or no longer shared with this account)'))).toBe('folder_not_found');
    expect(runErrorCodeOfFailure(lambdaFailure('NotFoundError', 'source was deleted during the run'))).toBe('source_deleted');
    expect(runErrorCodeOfFailure(lambdaFailure('NotFoundError', 'Google Drive refused: insufficientFilePermissions'))).toBe('permission_denied');
    expect(runErrorCodeOfFailure(lambdaFailure('TransientError', 'Google Drive refused: dailyLimitExceeded'))).toBe('drive_quota');
    // A plain-text cause (the local interpreter's) reads the same.
    expect(runErrorCodeOfFailure({ Error: 'TransientError', Cause: 'connect ECONNREFUSED 127.0.0.1:443' })).toBe('network');
  });

  it('calls a dependency that stayed down network trouble, and anything else unknown', () => {
    expect(runErrorCodeOfFailure(lambdaFailure('TransientError', 'ListObjectsV2 failed: the bucket did not answer'))).toBe('network');
    expect(runErrorCodeOfFailure(lambdaFailure('Error', 'no free object key for file abc'))).toBe('unknown');
  });
});

describe('run error codes of stored English', () => {
  it('reads the code of every message the sync itself writes', () => {
    for (const status of ['timed_out', 'aborted', 'failed', 'missing'] as const) expect(runErrorCodeInText(deadRunReason(status))).toBe('run_interrupted');
    expect(runErrorCodeInText('some files are not finished yet; the next sync continues them')).toBe('files_unfinished');
    expect(runErrorCodeInText('connect a Google account to this source to start syncing')).toBe('reauth_required');
    expect(runErrorCodeInText('Google Drive access for a@b.example was disconnected; reconnect Google Drive')).toBe('reauth_required');
  });

  it('reads a source state the backend explains', () => {
    expect(sourceMessageCodeInText('Being deleted: 12 files removed so far')).toBe('being_deleted');
    expect(sourceMessageCodeInText('Being deleted with its shop')).toBe('being_deleted');
    expect(sourceMessageCodeInText('Camera removed; its footage is kept')).toBe('camera_removed');
  });
});

describe('the API views carry the code beside the English', () => {
  it('shows the stored code, even where the words would say another', () => {
    expect(toRunView(run({ error: 'the bucket did not answer', errorCode: 'network' })).errorCode).toBe('network');
    expect(toSourceView(source({ statusMessage: 'the bucket did not answer', statusMessageCode: 'network' }), null).statusMessageCode).toBe('network');
  });

  it('gives a record stored before codes the code its words tell, and no code without a message', () => {
    expect(toRunView(run({ error: 'Google refused the stored access; reconnect Google Drive' })).errorCode).toBe('reauth_required');
    expect(toRunView(run({ status: 'succeeded', error: null })).errorCode).toBeNull();
    expect(toSourceView(source({ statusMessage: 'Being deleted' }), null).statusMessageCode).toBe('being_deleted');
    expect(toSourceView(source({ status: 'idle', statusMessage: null }), null).statusMessageCode).toBeNull();
  });
});
