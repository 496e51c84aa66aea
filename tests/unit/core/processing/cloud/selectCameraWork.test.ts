import { describe, expect, it } from 'vitest';
import { revisionTagOf, type FileProcessingRecord } from '../../../../../core/ports/fileProcessingRepository';
import { selectCameraWork } from '../../../../../core/processing/cloud/selectCameraWork';
import type { TrackedFile } from '../../../../../core/sync/trackedFile';

const file = (id: string, minute: number, over: Partial<TrackedFile> = {}): TrackedFile => ({
  tenantId: 't', sourceId: 's', providerFileId: id, name: `${id}.mp4`, relativePath: `${id}.mp4`, cameraId: 'cam1', mimeType: 'video/mp4',
  size: 1, md5: `md5-${id}`, revision: `rev-${id}`, modifiedTime: null, recordingStartAt: new Date(Date.UTC(2025, 6, 18, 2, minute)).toISOString(),
  s3Key: `t/s/cam1/${id}.mp4`, status: 'done', attempts: 0, lastError: null, reason: null, bytesTransferred: 1, checkpoint: null, runId: null,
  createdAt: '2025-07-18T03:00:00.000Z', updatedAt: '2025-07-18T03:00:00.000Z', ...over,
});
const done = (f: TrackedFile, over: Partial<FileProcessingRecord> = {}): FileProcessingRecord => ({
  tenantId: 't', sourceId: 's', providerFileId: f.providerFileId, revisionTag: revisionTagOf(f), state: 'processed', reason: null, events: 1, runId: 'r', at: 'x', ...over,
});

describe('selectCameraWork', () => {
  it('takes unread files in recording order with the stored file on each side as a neighbour, per camera', () => {
    // Prepare: a..e on cam1 (c new), x on cam2 (all read), listed out of order
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map((id, i) => file(id, i * 15));
    const x = file('x', 0, { cameraId: 'cam2' });

    // Act
    const work = selectCameraWork([e!, c!, a!, x, d!, b!], [a!, b!, d!, e!, x].map((f) => done(f)));

    // Assess
    expect(work).toEqual([{ cameraId: 'cam1', files: [{ providerFileId: 'b', todo: false }, { providerFileId: 'c', todo: true }, { providerFileId: 'd', todo: false }] }]);
  });

  it('reads a file again after a new revision, and never a file that is not stored', () => {
    // Prepare
    const a = file('a', 0);
    const changed = file('b', 15, { revision: 'rev-b2', md5: 'md5-b2' });
    const failed = file('c', 30, { status: 'failed', s3Key: null });
    const unmapped = file('d', 45, { cameraId: null });

    // Act
    const work = selectCameraWork([a, changed, failed, unmapped], [done(a), done(file('b', 15))]);

    // Assess
    expect(work).toEqual([{ cameraId: 'cam1', files: [{ providerFileId: 'a', todo: false }, { providerFileId: 'b', todo: true }] }]);
  });

  it('lists further neighbours while they start within the longest order\'s reach, so an order longer than short files is read through them', () => {
    // Prepare: ten files of one minute each, the sixth new; a reach of 150 s
    const files = Array.from({ length: 10 }, (_, i) => file(`f${i}`, i));
    const todo = files[5]!;

    // Act
    const work = selectCameraWork(files, files.filter((f) => f !== todo).map((f) => done(f)), 150);

    // Assess: before, files starting within 150 s of f5's start and the one reaching into it; after, within 150 s of f6's start
    expect(work[0]!.files.map((f) => f.providerFileId)).toEqual(['f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
  });

  it('an unprocessable file of the current revision is not tried again; nothing to do gives no work', () => {
    const a = file('a', 0);
    expect(selectCameraWork([a], [done(a, { state: 'unprocessable', reason: 'not a video' })])).toEqual([]);
  });
});
