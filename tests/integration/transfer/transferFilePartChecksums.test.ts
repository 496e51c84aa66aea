import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../../core/ports/objectStore';
import type { TransferCheckpoint } from '../../../core/sync/trackedFile';
import { transferFile } from '../../../core/transfer/transferFile';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { RecordingObjectStore } from './support/recordingObjectStore';
import { ManualClock, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const OPTIONS = { minPartSize: PART, leaseMs: 60_000 };
const SIZE = 4 * PART + 1_500_000;

/** S3's form of a CRC32, computed here independently of core/transfer/crc32. */
function crc32Base64(bytes: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out.toString('base64');
}

const partCrcs = (content: SyntheticContent, parts: number): string[] =>
  Array.from({ length: parts }, (_, i) => crc32Base64(content.bytes(i * PART, Math.min((i + 1) * PART, content.size) - 1)));

describe('transferFile with CRC32 part checksums', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());
  afterEach(async () => {
    expect(await harness.openUploads()).toEqual([]);
  });

  async function prepare(fileId: string, seed: number, clock = new ManualClock(), provider = new MemoryStorageProvider()) {
    const content = new SyntheticContent(SIZE, seed);
    provider.addFile({ id: fileId, content });
    const planned = await harness.plan(provider, fileId, clock);
    return { clock, provider, content, key: planned.s3Key ?? '', request: { ...harness.ref(fileId), runId: 'run-1' } };
  }

  test('each part\'s CRC32 is kept in the ledger, and a later call completes with the stored ones (the stand-in requires them)', async () => {
    // Prepare: time runs out while part 3 is read, so the first call stores parts 1 and 2 and stops.
    const clock = new ManualClock();
    const deadlineMs = clock.now().getTime() + 1_000;
    const provider = new MemoryStorageProvider({
      onChunk: (read) => {
        if (read.delivered > 2 * PART && clock.now().getTime() < deadlineMs) clock.advance(5_000);
      },
    });
    const { content, key, request } = await prepare('ledger', 51, clock, provider);

    // Act
    const first = await transferFile(harness.deps(provider, clock), request, { ...OPTIONS, deadlineMs });
    const between = (await harness.row('ledger')).checkpoint;
    const second = await transferFile(harness.deps(provider, clock), request, OPTIONS);

    // Assess
    expect(first).toEqual({ status: 'incomplete', bytesDone: 3 * PART });
    expect(between?.partChecksum).toBe('CRC32');
    expect(between?.parts.map((part) => part.checksumCrc32)).toEqual(partCrcs(content, 3));
    expect(second).toMatchObject({ status: 'done', bytes: SIZE });
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
  });

  test('a part damaged on its way to S3 is refused (BadDigest) and read and sent again from the checkpoint', async () => {
    // Prepare: the second UploadPart of part 2 carries the right CRC32 but one flipped bit.
    const { clock, provider, content, key, request } = await prepare('damaged', 52);
    const inner = harness.objectStore;
    let damaged = 0;
    const damaging: ObjectStore = Object.assign(Object.create(inner) as ObjectStore, {
      uploadPart: (k: string, uploadId: string, partNumber: number, body: Uint8Array, options?: Parameters<ObjectStore['uploadPart']>[4]) => {
        if (partNumber !== 2 || damaged > 0) return inner.uploadPart(k, uploadId, partNumber, body, options);
        damaged += 1;
        const copy = Uint8Array.from(body);
        copy[1234] = (copy[1234] ?? 0) ^ 0x10;
        return inner.uploadPart(k, uploadId, partNumber, copy, options);
      },
    });
    const store = new RecordingObjectStore(damaging);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), request, OPTIONS);

    // Assess
    expect(damaged).toBe(1);
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(store.partNumbers().filter((n) => n === 2)).toHaveLength(2);
    expect(provider.reads.map((read) => read.start)).toEqual([0, PART]);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.row('damaged')).toMatchObject({ status: 'done', attempts: 0, lastError: null });
  });

  test('a checkpoint from before part checksums is not resumed: its upload is aborted and the file starts over with a CRC32 upload', async () => {
    // Prepare: what the earlier engine left behind: an upload without a checksum algorithm, part 1 sent with Content-MD5.
    const { clock, provider, content, key, request } = await prepare('legacy', 53);
    const { uploadId: legacyUpload } = await harness.objectStore.createMultipartUpload(key);
    const { etag } = await harness.objectStore.uploadPart(key, legacyUpload, 1, content.bytes(0, PART - 1));
    const legacy: TransferCheckpoint = {
      uploadId: legacyUpload,
      s3Key: key,
      partSize: PART,
      parts: [{ partNumber: 1, etag, size: PART }],
      bytesDone: PART,
      md5State: 'AAAA',
      revision: (await harness.row('legacy')).revision,
      updatedAt: clock.now().toISOString(),
    };
    const ref = harness.ref('legacy');
    await harness.files.claimForTransfer(ref, { runId: 'run-old', now: clock.now().toISOString(), leaseUntil: clock.now().toISOString() });
    await harness.files.saveCheckpoint(ref, 'run-old', legacy, clock.now().toISOString());
    const before = (await harness.row('legacy')).checkpoint;
    clock.advance(1);
    const store = new RecordingObjectStore(harness.objectStore);

    // Act
    const outcome = await transferFile(harness.deps(provider, clock, { objectStore: store }), request, OPTIONS);

    // Assess
    expect(before).toMatchObject({ uploadId: legacyUpload, bytesDone: PART });
    expect(before?.partChecksum).toBeUndefined();
    expect(outcome).toMatchObject({ status: 'done', bytes: SIZE });
    expect(store.calls[0]).toEqual({ op: 'abort', key, uploadId: legacyUpload });
    expect(store.count('create')).toBe(1);
    expect(store.partNumbers()).toEqual([1, 2, 3, 4, 5]);
    expect(provider.reads.map((read) => read.start)).toEqual([0]);
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(content.md5Hex());
  });
});
