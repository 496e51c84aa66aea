import { describe, expect, test } from 'vitest';
import { mergeTrackedFile } from '../../../../core/sync/mergeTrackedFile';
import type { TrackedFile, TrackedFileStatus, TransferCheckpoint } from '../../../../core/sync/trackedFile';

const at = (second: number): string => new Date(Date.UTC(2025, 6, 18, 9, 0, second)).toISOString();

const checkpoint: TransferCheckpoint = {
  uploadId: 'upload-1',
  s3Key: 't/footage/f.mp4',
  partSize: 8,
  parts: [{ partNumber: 1, etag: '"e1"', size: 8 }],
  bytesDone: 8,
  md5State: 'c3RhdGU=',
  revision: 'rev-1',
  updatedAt: at(5),
};

/** A row as stored after some history: claimed once, failed once, part of the bytes moved. */
function stored(overrides: Partial<TrackedFile> = {}): TrackedFile {
  return {
    tenantId: 't',
    sourceId: 's',
    providerFileId: 'f',
    name: 'Cam1_20250718_090000.mp4',
    relativePath: 'Cam1/Cam1_20250718_090000.mp4',
    rootFolderId: 'root-1',
    cameraId: 'cam1',
    mimeType: 'video/mp4',
    size: 16,
    md5: 'a'.repeat(32),
    revision: 'rev-1',
    modifiedTime: at(0),
    recordingStartAt: at(0),
    s3Key: 't/footage/f.mp4',
    status: 'transferring',
    attempts: 1,
    lastError: 'Drive 503',
    reason: null,
    bytesTransferred: 8,
    checkpoint,
    runId: 'run-transfer',
    createdAt: at(0),
    updatedAt: at(5),
    ...overrides,
  };
}

/** What the planner says now: moved and renamed, new run, a later time; fresh counters as a planner writes them. */
function planned(overrides: Partial<TrackedFile> = {}): TrackedFile {
  return stored({
    name: 'Cổng sau 2025-07-18.mp4',
    relativePath: 'Kho hàng/Cổng sau 2025-07-18.mp4',
    rootFolderId: 'root-2',
    cameraId: 'cam2',
    mimeType: 'video/quicktime',
    modifiedTime: at(30),
    recordingStartAt: at(1),
    status: 'pending',
    attempts: 0,
    lastError: null,
    reason: null,
    bytesTransferred: 0,
    checkpoint: null,
    runId: 'run-plan',
    createdAt: at(40),
    updatedAt: at(40),
    ...overrides,
  });
}

const placeFields = { name: 'Cổng sau 2025-07-18.mp4', relativePath: 'Kho hàng/Cổng sau 2025-07-18.mp4', rootFolderId: 'root-2', cameraId: 'cam2', mimeType: 'video/quicktime', modifiedTime: at(30), recordingStartAt: at(1), updatedAt: at(40) };

describe('mergeTrackedFile', () => {
  test('a file seen for the first time is stored as planned, with no claim to end', () => {
    // Prepare
    const incoming = planned();

    // Act
    const merged = mergeTrackedFile(null, incoming);

    // Assess
    expect(merged).toEqual({ file: incoming, endsClaim: false });
  });

  test('same revision: name, place, camera and times follow the provider; the transfer state stays, claim included', () => {
    // Act
    const merged = mergeTrackedFile(stored(), planned());

    // Assess
    expect(merged.endsClaim).toBe(false);
    expect(merged.file).toEqual({ ...stored(), ...placeFields });
  });

  test.each(['done', 'failed', 'pending', 'transferring'] as const)('same revision: a %s file keeps its status, attempts, error, bytes and run', (status) => {
    // Prepare
    const existing = stored({ status, attempts: 3, lastError: 'x', bytesTransferred: 16, runId: 'run-old' });

    // Act
    const { file } = mergeTrackedFile(existing, planned({ status: 'pending' }));

    // Assess
    expect(file).toMatchObject({ status, attempts: 3, lastError: 'x', bytesTransferred: 16, runId: 'run-old', checkpoint });
  });

  test('same revision: content fields never change without a new revision', () => {
    // Act
    const { file } = mergeTrackedFile(stored(), planned({ size: 99, md5: 'b'.repeat(32), s3Key: 't/footage/other.mp4' }));

    // Assess
    expect(file).toMatchObject({ size: 16, md5: 'a'.repeat(32), revision: 'rev-1', s3Key: 't/footage/f.mp4' });
  });

  test('new revision: content follows the provider, the transfer starts over, the old checkpoint stays for its abort, and the claim ends', () => {
    // Act
    const merged = mergeTrackedFile(stored(), planned({ revision: 'rev-2', size: 99, md5: 'b'.repeat(32), s3Key: 't/footage/f-2.mp4' }));

    // Assess
    expect(merged.endsClaim).toBe(true);
    expect(merged.file).toEqual({
      ...stored(),
      ...placeFields,
      revision: 'rev-2',
      size: 99,
      md5: 'b'.repeat(32),
      s3Key: 't/footage/f-2.mp4',
      status: 'pending',
      attempts: 0,
      lastError: null,
      bytesTransferred: 0,
      runId: 'run-plan',
      reason: null,
      checkpoint,
    });
  });

  test('a revision that appears or disappears counts as new content', () => {
    // Act
    const appeared = mergeTrackedFile(stored({ revision: null, status: 'done' }), planned({ revision: 'rev-1' }));
    const disappeared = mergeTrackedFile(stored({ status: 'done' }), planned({ revision: null }));
    const bothNull = mergeTrackedFile(stored({ revision: null, status: 'done' }), planned({ revision: null }));

    // Assess
    expect(appeared).toMatchObject({ endsClaim: true, file: { status: 'pending', revision: 'rev-1' } });
    expect(disappeared).toMatchObject({ endsClaim: true, file: { status: 'pending', revision: null } });
    expect(bothNull).toMatchObject({ endsClaim: false, file: { status: 'done' } });
  });

  test.each(['skipped', 'removed'] as const)('an incoming %s always applies with its reason and run, and ends the claim; the transfer history stays', (status) => {
    // Act
    const merged = mergeTrackedFile(stored(), planned({ status, reason: 'deleted in Drive' }));

    // Assess
    expect(merged.endsClaim).toBe(true);
    expect(merged.file).toEqual({ ...stored(), ...placeFields, status, reason: 'deleted in Drive', runId: 'run-plan' });
  });

  test.each<[TrackedFileStatus, TrackedFileStatus]>([
    ['skipped', 'pending'],
    ['removed', 'pending'],
    ['removed', 'skipped'],
  ])('a %s file takes the planner\'s %s status again', (from, to) => {
    // Prepare
    const existing = stored({ status: from, reason: 'was not wanted', checkpoint: null, runId: 'run-old' });

    // Act
    const merged = mergeTrackedFile(existing, planned({ status: to, reason: to === 'skipped' ? 'not a video' : null }));

    // Assess
    expect(merged.endsClaim).toBe(true);
    expect(merged.file).toMatchObject({ status: to, reason: to === 'skipped' ? 'not a video' : null, runId: 'run-plan', attempts: 1 });
  });

  test('identity and creation time stay as stored', () => {
    // Act
    const { file } = mergeTrackedFile(stored(), planned({ revision: 'rev-2', providerFileId: 'other', createdAt: at(59) }));

    // Assess
    expect(file).toMatchObject({ tenantId: 't', sourceId: 's', providerFileId: 'f', createdAt: at(0) });
  });

  test('a row stored without rootFolderId gets null when the planner knows none', () => {
    // Prepare
    const { rootFolderId: _unused, ...legacy } = stored();
    const { rootFolderId: _none, ...incoming } = planned();

    // Act
    const { file } = mergeTrackedFile(legacy, incoming);

    // Assess
    expect(file.rootFolderId).toBeNull();
  });
});
