import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { transferFile } from '../../../core/transfer/transferFile';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { RecordingObjectStore } from './support/recordingObjectStore';
import { ManualClock, MiB, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('transferFile stores the exact bytes', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(async () => {
    expect(await harness.openUploads()).toEqual([]);
  });

  test.each([
    { label: 'the empty file', size: 0, puts: 1, parts: [] as number[] },
    { label: 'a 1-byte file', size: 1, puts: 1, parts: [] },
    { label: 'a file of exactly one part', size: PART, puts: 1, parts: [] },
    { label: 'one part and one byte', size: PART + 1, puts: 0, parts: [1, 2] },
    { label: 'several parts with a short last part', size: 3 * PART + 123_457, puts: 0, parts: [1, 2, 3, 4] },
  ])('$label ($size B) arrives byte-exact, verified, and the row says done', async ({ size, puts, parts }) => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(size, size + 7);
    const fileId = `bytes-${size}`;
    provider.addFile({ id: fileId, content });
    const planned = await harness.plan(provider, fileId, clock);
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), { ...harness.ref(fileId), runId: 'run-1' }, { minPartSize: PART });

    // Assess
    const stored = await harness.object(planned.s3Key ?? '');
    expect(outcome).toEqual({ status: 'done', bytes: size, s3Key: planned.s3Key, alreadyDone: false, previousS3Key: null });
    expect(stored?.byteLength).toBe(size);
    expect(md5(stored ?? new Uint8Array())).toBe(content.md5Hex());
    expect(store.count('put')).toBe(puts);
    expect(store.partNumbers()).toEqual(parts);
    const row = await harness.row(fileId);
    expect(row).toMatchObject({ status: 'done', attempts: 0, bytesTransferred: size, lastError: null, checkpoint: null, runId: 'run-1' });
    expect(provider.bytesDelivered).toBe(size);
  });

  test('a second call for a done file changes nothing and reads nothing', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    provider.addFile({ id: 'twice', content: new SyntheticContent(2 * MiB, 3) });
    await harness.plan(provider, 'twice', clock);
    const request = { ...harness.ref('twice'), runId: 'run-1' };
    await transferFile(harness.deps(provider, clock), request, { minPartSize: PART });
    const rowBefore = await harness.row('twice');
    const readsBefore = provider.reads.length;

    // Act
    const outcome = await transferFile(harness.deps(provider, clock), { ...request, runId: 'run-2' }, { minPartSize: PART });

    // Assess
    expect(outcome).toMatchObject({ status: 'done', alreadyDone: true, bytes: 2 * MiB });
    expect(provider.reads.length).toBe(readsBefore);
    expect(await harness.row('twice')).toEqual(rowBefore);
  });

  test('the object carries the content type and the verified MD5 as metadata', async () => {
    // Prepare
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(2 * PART + 10, 11);
    provider.addFile({ id: 'meta', content, mimeType: 'video/x-matroska' });
    const planned = await harness.plan(provider, 'meta', clock);

    // Act
    await transferFile(harness.deps(provider, clock), { ...harness.ref('meta'), runId: 'run-1' }, { minPartSize: PART });

    // Assess
    const head = await harness.objectStore.headObject(planned.s3Key ?? '');
    expect(head).toMatchObject({ size: 2 * PART + 10, metadata: { 'vtrack-md5': content.md5Hex(), 'vtrack-file-id': 'meta' } });
  });
});
