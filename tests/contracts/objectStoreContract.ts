import { describe, expect, test } from 'vitest';
import { ConflictError, NotFoundError, TransientError } from '../../core/errors';
import type { ObjectStore } from '../../core/ports/objectStore';
import { caught } from '../integration/standins/support/caught';
import { crc32Base64, md5Hex, patterned } from './support/checksums';
import { useContractSubject, type ContractFactory } from './support/contractSubject';

/** An ObjectStore under test, and a way to read back what it stored (the port has no read). */
export interface ObjectStoreSubject {
  readonly store: ObjectStore;
  /** The object's bytes, or null when there is no object at the key. */
  readonly read: (key: string) => Promise<Uint8Array | null>;
}

const MiB = 1024 * 1024;
/** S3's smallest part but the last. */
const PART = 5 * MiB;

/**
 * What every ObjectStore promises (core/ports/objectStore.ts): multipart
 * uploads with either part checksum, single puts, head, the conditional put,
 * and the error kinds a transfer decides on.
 */
export function describeObjectStoreContract(name: string, factory: ContractFactory<ObjectStoreSubject>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    const fresh = useContractSubject(factory);

    test('a multipart upload with MD5-checked parts stores the parts in order, byte-exact, with its metadata', async () => {
      // Prepare
      const { store, read } = await fresh();
      const key = 'tenant-a/footage/Kho hàng/Cổng sau 2025-07-18 09.00.mp4';
      const first = patterned(PART, 1);
      const last = patterned(1234, 2);

      // Act
      const { uploadId } = await store.createMultipartUpload(key, { contentType: 'video/mp4', metadata: { 'vtrack-md5': 'abc' } });
      const one = await store.uploadPart(key, uploadId, 1, first);
      const two = await store.uploadPart(key, uploadId, 2, last);
      const done = await store.completeMultipartUpload(key, uploadId, [
        { partNumber: 1, etag: one.etag },
        { partNumber: 2, etag: two.etag },
      ]);
      const head = await store.headObject(key);

      // Assess
      expect(one.etag).not.toBe(two.etag);
      expect(done.etag).not.toBeNull();
      expect(head).toMatchObject({ size: PART + 1234, metadata: { 'vtrack-md5': 'abc' } });
      expect(md5Hex((await read(key)) ?? new Uint8Array())).toBe(md5Hex(Buffer.concat([first, last])));
    });

    test('a multipart upload with CRC32 part checksums stores the parts byte-exact', async () => {
      // Prepare
      const { store, read } = await fresh();
      const key = 'store/crc32.mp4';
      const first = patterned(PART, 3);
      const last = patterned(10, 4);

      // Act
      const { uploadId } = await store.createMultipartUpload(key, { partChecksum: 'CRC32' });
      const one = await store.uploadPart(key, uploadId, 1, first, { checksumCrc32: crc32Base64(first) });
      const two = await store.uploadPart(key, uploadId, 2, last, { checksumCrc32: crc32Base64(last) });
      await store.completeMultipartUpload(key, uploadId, [
        { partNumber: 1, etag: one.etag, checksumCrc32: crc32Base64(first) },
        { partNumber: 2, etag: two.etag, checksumCrc32: crc32Base64(last) },
      ]);

      // Assess
      expect(md5Hex((await read(key)) ?? new Uint8Array())).toBe(md5Hex(Buffer.concat([first, last])));
    });

    test('a part whose CRC32 does not match its bytes is refused and nothing is stored at the key', async () => {
      // Prepare
      const { store, read } = await fresh();
      const key = 'store/damaged.mp4';
      const body = patterned(1000, 5);
      const { uploadId } = await store.createMultipartUpload(key, { partChecksum: 'CRC32' });

      // Act
      const refused = await caught(store.uploadPart(key, uploadId, 1, body, { checksumCrc32: crc32Base64(patterned(1000, 6)) }));

      // Assess
      expect(refused).toBeInstanceOf(TransientError);
      expect(await read(key)).toBeNull();
      await store.abortMultipartUpload(key, uploadId);
    });

    test('a missing upload is NotFoundError for uploadPart and complete', async () => {
      // Prepare
      const { store } = await fresh();

      // Act
      const part = await caught(store.uploadPart('store/none.mp4', 'no-such-upload', 1, new Uint8Array(10)));
      const complete = await caught(store.completeMultipartUpload('store/none.mp4', 'no-such-upload', [{ partNumber: 1, etag: '"x"' }]));

      // Assess
      expect(part).toBeInstanceOf(NotFoundError);
      expect(complete).toBeInstanceOf(NotFoundError);
    });

    test('abort is idempotent, and an aborted upload takes no more parts and stores nothing', async () => {
      // Prepare
      const { store, read } = await fresh();
      const key = 'store/abort.mp4';
      const { uploadId } = await store.createMultipartUpload(key);
      const one = await store.uploadPart(key, uploadId, 1, patterned(100, 7));
      await store.abortMultipartUpload(key, uploadId);

      // Act
      const again = await store.abortMultipartUpload(key, uploadId);
      const part = await caught(store.uploadPart(key, uploadId, 2, new Uint8Array(10)));
      const complete = await caught(store.completeMultipartUpload(key, uploadId, [{ partNumber: 1, etag: one.etag }]));

      // Assess
      expect(again).toBeUndefined();
      expect(part).toBeInstanceOf(NotFoundError);
      expect(complete).toBeInstanceOf(NotFoundError);
      expect(await read(key)).toBeNull();
    });

    test('listOpenUploads names the open uploads of exactly that key, not of longer keys, and forgets aborted ones', async () => {
      // Prepare
      const { store } = await fresh();
      const key = 'store/open.mp4';
      const first = await store.createMultipartUpload(key);
      const second = await store.createMultipartUpload(key);
      const longer = await store.createMultipartUpload(`${key}.part`);
      await store.abortMultipartUpload(key, first.uploadId);

      // Act
      const open = await store.listOpenUploads(key);

      // Assess
      expect(open).toEqual([second.uploadId]);
      await store.abortMultipartUpload(key, second.uploadId);
      await store.abortMultipartUpload(`${key}.part`, longer.uploadId);
      expect(await store.listOpenUploads(key)).toEqual([]);
    });

    test('putObject stores a small file and the empty file, each with its metadata; head reports size and metadata', async () => {
      // Prepare
      const { store, read } = await fresh();
      const body = patterned(4096, 8);

      // Act
      const small = await store.putObject('store/small.mp4', body, { md5Hex: md5Hex(body), contentType: 'video/mp4', metadata: { 'vtrack-md5': md5Hex(body) } });
      await store.putObject('store/empty.mp4', new Uint8Array(0), { metadata: { 'vtrack-file-id': '1fake000042' } });
      const smallHead = await store.headObject('store/small.mp4');
      const emptyHead = await store.headObject('store/empty.mp4');

      // Assess
      expect(small.etag).not.toBeNull();
      expect(smallHead).toEqual({ size: 4096, etag: small.etag, metadata: { 'vtrack-md5': md5Hex(body) } });
      expect(emptyHead).toMatchObject({ size: 0, metadata: { 'vtrack-file-id': '1fake000042' } });
      expect(await read('store/small.mp4')).toEqual(body);
      expect((await read('store/empty.mp4'))?.byteLength).toBe(0);
    });

    test('head of a missing key is null; putObject with ifNoneMatch refuses an existing key and leaves it as it was', async () => {
      // Prepare
      const { store, read } = await fresh();
      await store.putObject('store/once.mp4', new Uint8Array([1, 2, 3]));

      // Act
      const missing = await store.headObject('store/missing.mp4');
      const second = await caught(store.putObject('store/once.mp4', new Uint8Array([4]), { ifNoneMatch: true }));
      const firstTime = await store.putObject('store/new.mp4', new Uint8Array([5]), { ifNoneMatch: true });

      // Assess
      expect(missing).toBeNull();
      expect(second).toBeInstanceOf(ConflictError);
      expect(await read('store/once.mp4')).toEqual(new Uint8Array([1, 2, 3]));
      expect(firstTime).toMatchObject({ etag: expect.any(String) });
      expect(await read('store/new.mp4')).toEqual(new Uint8Array([5]));
    });

    test('putObject without ifNoneMatch replaces the object', async () => {
      // Prepare
      const { store, read } = await fresh();
      await store.putObject('store/twice.mp4', new Uint8Array([1, 2, 3]), { metadata: { n: '1' } });

      // Act
      await store.putObject('store/twice.mp4', new Uint8Array([9]), { metadata: { n: '2' } });

      // Assess
      expect(await read('store/twice.mp4')).toEqual(new Uint8Array([9]));
      expect(await store.headObject('store/twice.mp4')).toMatchObject({ size: 1, metadata: { n: '2' } });
    });
  });
}
