import { GetObjectCommand, NoSuchKey } from '@aws-sdk/client-s3';
import type { ObjectStore } from '../../../core/ports/objectStore';
import { S3ObjectStore } from '../../../adapters/s3/s3ObjectStore';
import { startS3Fixture } from '../../integration/standins/support/s3Fixture';
import type { ContractFactory } from './contractSubject';
import type { ObjectStoreSubject } from '../objectStoreContract';

/**
 * The S3 adapter on the S3 stand-in, a fresh bucket folder per suite; `wrap`
 * lets a decorator (the transfer tests' RecordingObjectStore) go through the
 * same suite. Each test gets its own key prefix, so tests do not see each other.
 */
export function s3ObjectStoreSubject(wrap: (store: ObjectStore) => ObjectStore = (store) => store): ContractFactory<ObjectStoreSubject> {
  return async () => {
    const bucket = 'footage';
    const fixture = await startS3Fixture('contract-s3', bucket);
    let tests = 0;
    return {
      make: async () => {
        tests += 1;
        const prefix = `t${tests}/`;
        const inner = new S3ObjectStore(fixture.client, bucket);
        const store = wrap(prefixed(inner, prefix));
        const read = async (key: string): Promise<Uint8Array | null> => {
          try {
            const output = await fixture.client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
            return Uint8Array.from((await output.Body?.transformToByteArray()) ?? []);
          } catch (error) {
            if (error instanceof NoSuchKey) return null;
            throw error;
          }
        };
        return { store, read };
      },
      close: () => fixture.close(),
    };
  };
}

/** Keys under `prefix`, so each test starts with an empty key space in the shared bucket. */
function prefixed(store: ObjectStore, prefix: string): ObjectStore {
  return {
    createMultipartUpload: (key, options) => store.createMultipartUpload(prefix + key, options),
    uploadPart: (key, uploadId, partNumber, body, options) => store.uploadPart(prefix + key, uploadId, partNumber, body, options),
    completeMultipartUpload: (key, uploadId, parts) => store.completeMultipartUpload(prefix + key, uploadId, parts),
    abortMultipartUpload: (key, uploadId) => store.abortMultipartUpload(prefix + key, uploadId),
    putObject: (key, body, options) => store.putObject(prefix + key, body, options),
    headObject: (key) => store.headObject(prefix + key),
    listOpenUploads: (key) => store.listOpenUploads(prefix + key),
  };
}
