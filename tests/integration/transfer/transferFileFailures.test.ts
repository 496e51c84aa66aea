import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { PermanentError, QuotaExceededError, TransientError } from '../../../core/errors';
import { transferFile } from '../../../core/transfer/transferFile';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { RecordingObjectStore } from './support/recordingObjectStore';
import { ManualClock, MiB, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const OPTIONS = { minPartSize: PART, maxAttempts: 2 };
const WRONG_MD5 = '0123456789abcdef0123456789abcdef';
const QUOTA = 'downloadQuotaExceeded: The download quota for this file has been exceeded.';

describe('transferFile records what went wrong and leaves nothing behind', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(async () => {
    expect(await harness.openUploads()).toEqual([]);
  });

  test.each([
    { label: 'multipart', size: 2 * PART + 777 },
    { label: 'single put', size: 3 * MiB },
  ])('an MD5 mismatch ($label) is retried, then failed with the reason, and no object is stored', async ({ label, size }) => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(size, 31);
    const fileId = `mismatch-${label}`;
    provider.addFile({ id: fileId, content, md5: WRONG_MD5 });
    const planned = await harness.plan(provider, fileId, clock);
    const request = { ...harness.ref(fileId), runId: 'run-1' };
    const reason = `checksum mismatch: expected ${WRONG_MD5} got ${content.md5Hex()}`;

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, OPTIONS);
    const afterFirst = await harness.row(fileId);
    const second = await transferFile(harness.deps(provider, clock), request, OPTIONS);
    const third = await transferFile(harness.deps(provider, clock), request, OPTIONS);

    // Assess
    expect(first).toEqual({ status: 'retry', attempts: 1, reason });
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1, lastError: reason, bytesTransferred: 0, checkpoint: null });
    // A copy that did not match may be a file changing while read: a later sync tries again half an hour on.
    const retryAt = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
    expect(second).toEqual({ status: 'failed', attempts: 2, reason, nextAttemptAt: retryAt });
    expect(third).toEqual({ status: 'failed', attempts: 2, reason, nextAttemptAt: retryAt });
    expect(provider.reads).toHaveLength(2);
    expect(await harness.object(planned.s3Key ?? '')).toBeNull();
    expect(await harness.row(fileId)).toMatchObject({ status: 'failed', attempts: 2, lastError: reason, lastErrorCode: 'checksum_mismatch', bytesTransferred: 0, checkpoint: null });
  });

  test('a permanent provider error (download quota) fails the file at once and a later call does not read again', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'quota', content: new SyntheticContent(3 * PART, 32) });
    provider.injectFault({ kind: 'reject', onRead: 1, error: new PermanentError(QUOTA) });
    await harness.plan(provider, 'quota', clock);
    const request = { ...harness.ref('quota'), runId: 'run-1' };

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, OPTIONS);
    const again = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(first).toEqual({ status: 'failed', attempts: 1, reason: QUOTA, nextAttemptAt: null });
    expect(again).toEqual({ status: 'failed', attempts: 1, reason: QUOTA, nextAttemptAt: null });
    expect(provider.reads).toHaveLength(1);
    expect(await harness.row('quota')).toMatchObject({ status: 'failed', attempts: 1, lastError: QUOTA, lastErrorCode: 'drive_quota', bytesTransferred: 0, checkpoint: null });
  });

  test('a download quota fails the file at once with a retry planned a day on; once due, requeued, it is stored', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(2 * PART + 99, 34);
    provider.addFile({ id: 'quota-later', content });
    provider.injectFault({ kind: 'reject', onRead: 1, error: new QuotaExceededError(QUOTA, 24 * 3600_000) });
    const planned = await harness.plan(provider, 'quota-later', clock);
    const request = { ...harness.ref('quota-later'), runId: 'run-1' };

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, OPTIONS);
    clock.advance(24 * 3600_000);
    const requeued = await harness.files.requeueFailed(harness.ref('quota-later'), clock.now().toISOString(), { resetRounds: false });
    const later = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess: one read refused, no resume against the quota; the next day's read stores the file.
    expect(first).toEqual({ status: 'failed', attempts: 1, reason: QUOTA, nextAttemptAt: clock.now().toISOString() });
    expect(requeued).toBe(true);
    expect(later).toMatchObject({ status: 'done', bytes: content.size });
    expect(provider.reads).toHaveLength(2);
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('quota-later')).toMatchObject({ status: 'done', failedRounds: 1 });
  });

  test('a connection that keeps breaking fails the file after its attempts, with a retry planned half an hour on', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'flaky', content: new SyntheticContent(3 * MiB, 35) });
    for (let read = 1; read <= 20; read += 1) provider.injectFault({ kind: 'reject', onRead: read, error: new TransientError('files.get.media still failing after 6 attempts') });
    await harness.plan(provider, 'flaky', clock);
    const request = { ...harness.ref('flaky'), runId: 'run-1' };

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, maxResumesPerCall: 1 });
    const second = await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, maxResumesPerCall: 1 });

    // Assess
    const retryAt = new Date(clock.now().getTime() + 30 * 60_000).toISOString();
    expect(first).toMatchObject({ status: 'retry', attempts: 1 });
    expect(second).toEqual({ status: 'failed', attempts: 2, reason: 'files.get.media still failing after 6 attempts', nextAttemptAt: retryAt });
    expect(await harness.row('flaky')).toMatchObject({ status: 'failed', failedRounds: 1, nextAttemptAt: retryAt, lastErrorCode: 'network' });
  });

  test('a permanent error after some parts were uploaded aborts the upload', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'abusive', content: new SyntheticContent(4 * PART, 33) });
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: 2 * PART + MiB });
    const reason = 'cannotDownloadAbusiveFile: This file has been identified as malware or spam.';
    provider.injectFault({ kind: 'reject', onRead: 2, error: new PermanentError(reason) });
    const planned = await harness.plan(provider, 'abusive', clock);
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), { ...harness.ref('abusive'), runId: 'run-1' }, OPTIONS);

    // Assess
    expect(outcome).toEqual({ status: 'failed', attempts: 1, reason, nextAttemptAt: null });
    expect(store.partNumbers()).toEqual([1, 2]);
    expect(store.count('abort')).toBe(1);
    expect(await harness.object(planned.s3Key ?? '')).toBeNull();
    expect(await harness.row('abusive')).toMatchObject({ status: 'failed', attempts: 1, lastError: reason, checkpoint: null });
  });

  test('a new revision between attempts aborts the old upload and stores the new content', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'edited', content: new SyntheticContent(3 * PART + 5, 34), revision: 'rev-1' });
    const planned = await harness.plan(provider, 'edited', clock);
    const request = { ...harness.ref('edited'), runId: 'run-1' };
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: PART + 1 });
    await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, maxResumesPerCall: 0 });
    const oldUpload = (await harness.row('edited')).checkpoint?.uploadId;
    const uploadsBefore = await harness.openUploads();
    const edited = new SyntheticContent(2 * PART + 99, 35);
    provider.addFile({ id: 'edited', content: edited, revision: 'rev-2' });
    clock.advance(1_000);
    await harness.plan(provider, 'edited', clock);
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), { ...request, runId: 'run-2' }, OPTIONS);

    // Assess
    expect(uploadsBefore).toEqual([`${planned.s3Key}#${oldUpload}`]);
    expect(store.calls[0]).toEqual({ op: 'abort', key: planned.s3Key, uploadId: oldUpload });
    expect(outcome).toMatchObject({ status: 'done', bytes: 2 * PART + 99 });
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(edited.md5Hex());
    expect(await harness.row('edited')).toMatchObject({ status: 'done', attempts: 0, revision: 'rev-2', bytesTransferred: 2 * PART + 99 });
  });

  test('two runs transferring one file at once: one moves it, the other is refused by the claim', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(3 * PART, 36);
    provider.addFile({ id: 'contended', content });
    const planned = await harness.plan(provider, 'contended', clock);
    const ref = harness.ref('contended');

    // Act
    const outcomes = await Promise.all([
      transferFile(harness.deps(provider, clock), { ...ref, runId: 'run-a' }, OPTIONS),
      transferFile(harness.deps(provider, clock), { ...ref, runId: 'run-b' }, OPTIONS),
    ]);

    // Assess
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['busy', 'done']);
    expect(provider.reads).toHaveLength(1);
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(content.md5Hex());
    const winner = outcomes[0]?.status === 'done' ? 'run-a' : 'run-b';
    expect(await harness.row('contended')).toMatchObject({ status: 'done', attempts: 0, runId: winner });
  });

  test('a file without a provider MD5 is failed: its copy could never be verified', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'no-md5', content: new SyntheticContent(100, 37) });
    await harness.plan(provider, 'no-md5', clock, { md5: null });

    // Act
    const outcome = await transferFile(harness.deps(provider, clock), { ...harness.ref('no-md5'), runId: 'run-1' }, OPTIONS);

    // Assess
    const reason = 'the provider reports no MD5 for this file, so its copy cannot be verified';
    expect(outcome).toEqual({ status: 'failed', attempts: 1, reason, nextAttemptAt: null });
    expect(provider.reads).toHaveLength(0);
    expect(await harness.row('no-md5')).toMatchObject({ status: 'failed', attempts: 1, lastError: reason, lastErrorCode: 'unknown' });
  });

  test('a small file survives a reset mid-body by reading it again', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(3 * MiB, 38);
    provider.addFile({ id: 'small-reset', content });
    provider.injectFault({ kind: 'cut', onRead: 1, afterBytes: MiB, error: new TransientError('stream reset') });
    const planned = await harness.plan(provider, 'small-reset', clock);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock), { ...harness.ref('small-reset'), runId: 'run-1' }, OPTIONS);

    // Assess
    expect(outcome).toMatchObject({ status: 'done', bytes: 3 * MiB });
    expect(provider.reads.map((read) => read.start)).toEqual([0, 0]);
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(content.md5Hex());
  });
});
