import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TransientError } from '../../../core/errors';
import { transferFile } from '../../../core/transfer/transferFile';
import { S3ObjectStore } from '../../../adapters/s3/s3ObjectStore';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { caught } from '../standins/support/caught';
import { BUCKET, ManualClock, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');
const crc32Base64 = (bytes: Uint8Array): string => {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out.toString('base64');
};

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });
}

// What every ObjectStore promises (missing uploads, conditional puts, byte-exact
// multipart) is in tests/contracts/objectStoreContract.ts; here what is S3's own.
describe('S3ObjectStore against the S3 stand-in', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  test('abort is idempotent: an upload already aborted counts as aborted', async () => {
    // Prepare
    const store = harness.objectStore;
    const { uploadId } = await store.createMultipartUpload('store/abort.mp4');
    await store.abortMultipartUpload('store/abort.mp4', uploadId);

    // Act
    const again = store.abortMultipartUpload('store/abort.mp4', uploadId);

    // Assess
    await expect(again).resolves.toBeUndefined();
    expect(await harness.openUploads()).toEqual([]);
  });

  test('on the wire, with requestChecksumCalculation WHEN_REQUIRED: the CRC32 given is sent as x-amz-checksum-crc32, without Content-MD5, aws-chunked framing or a payload SHA-256', async () => {
    // Prepare: record each request's headers as the SDK finalized them (after its checksum middleware).
    const client = harness.s3Client;
    const sent: Array<{ operation: string; headers: Record<string, string> }> = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const request = args.request as { headers?: Record<string, string> };
        sent.push({ operation: context.commandName ?? '', headers: { ...request.headers } });
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordWire' },
    );
    const store = harness.objectStore;
    const key = 'store/wire.mp4';
    const body = new Uint8Array(6 * 1024 * 1024).map((_, i) => (i * 7) & 255);
    const last = new Uint8Array(1000).fill(3);

    // Act
    try {
      const { uploadId } = await store.createMultipartUpload(key, { partChecksum: 'CRC32' });
      const one = await store.uploadPart(key, uploadId, 1, body, { checksumCrc32: crc32Base64(body) });
      const two = await store.uploadPart(key, uploadId, 2, last, { checksumCrc32: crc32Base64(last) });
      await store.completeMultipartUpload(key, uploadId, [
        { partNumber: 1, etag: one.etag, checksumCrc32: crc32Base64(body) },
        { partNumber: 2, etag: two.etag, checksumCrc32: crc32Base64(last) },
      ]);
    } finally {
      client.middlewareStack.remove('recordWire');
    }

    // Assess
    const create = sent.find((request) => request.operation === 'CreateMultipartUploadCommand');
    const parts = sent.filter((request) => request.operation === 'UploadPartCommand');
    expect(create?.headers['x-amz-checksum-algorithm']).toBe('CRC32');
    expect(parts.map((request) => request.headers['x-amz-checksum-crc32'])).toEqual([crc32Base64(body), crc32Base64(last)]);
    expect(parts.map((request) => request.headers['content-length'])).toEqual([String(body.byteLength), '1000']);
    for (const { headers } of parts) {
      // Not signed by a SHA-256 of the body: the signed CRC32 header is what S3 checks it against.
      expect(headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
      expect(headers['content-md5']).toBeUndefined();
      expect(headers['content-encoding']).toBeUndefined();
      expect(headers['x-amz-trailer']).toBeUndefined();
    }
    expect(md5((await harness.object(key)) ?? new Uint8Array())).toBe(md5(Buffer.concat([body, last])));
  });

  test('putObject sends the MD5 it is given as Content-MD5 (base64), and the stand-in keeps the body', async () => {
    // Prepare
    const body = new Uint8Array([5, 6, 7, 8]);
    const client = harness.s3Client;
    const seen: string[] = [];
    client.middlewareStack.add(
      (next) => async (args) => {
        seen.push((args.request as { headers?: Record<string, string> }).headers?.['content-md5'] ?? '');
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordMd5' },
    );

    // Act
    try {
      await harness.objectStore.putObject('store/small.mp4', body, { md5Hex: md5(body) });
    } finally {
      client.middlewareStack.remove('recordMd5');
    }

    // Assess
    expect(seen).toEqual([createHash('md5').update(body).digest('base64')]);
    expect(await harness.object('store/small.mp4')).toEqual(Buffer.from(body));
  });

  test('head reports S3\'s quoted MD5 ETag of a single put with its metadata', async () => {
    // Prepare
    const store = harness.objectStore;
    await store.putObject('store/once.mp4', new Uint8Array([1, 2, 3]), { metadata: { 'vtrack-md5': 'abc' } });

    // Act
    const head = await store.headObject('store/once.mp4');

    // Assess
    expect(head).toEqual({ size: 3, etag: `"${md5(new Uint8Array([1, 2, 3]))}"`, metadata: { 'vtrack-md5': 'abc' } });
  });
});

describe('S3ObjectStore error branches the stand-in cannot produce (aws-sdk-client-mock)', () => {
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(client);
  afterEach(() => mock.reset());

  test('UploadPart sends the given CRC32 (or else Content-MD5) and Content-Length, and a 500 that outlived the SDK retries is TransientError', async () => {
    // Prepare
    mock.on(UploadPartCommand).rejects(s3Error('InternalError', 500));
    const store = new S3ObjectStore(client, BUCKET);
    const body = new Uint8Array([9, 8, 7]);

    // Act
    const error = await caught(store.uploadPart('k', 'u', 1, body, { checksumCrc32: crc32Base64(body) }));
    await caught(store.uploadPart('k', 'u', 2, body));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    const [withCrc, withoutCrc] = mock.commandCalls(UploadPartCommand).map((call) => call.args[0].input);
    expect(withCrc).toMatchObject({ ContentLength: 3, ChecksumCRC32: crc32Base64(body), PartNumber: 1 });
    expect(withCrc?.ContentMD5).toBeUndefined();
    expect(withoutCrc).toMatchObject({ ContentLength: 3, ContentMD5: createHash('md5').update(body).digest('base64'), PartNumber: 2 });
    expect(withoutCrc?.ChecksumCRC32).toBeUndefined();
  });

  test('BadDigest (a body damaged on the way) is TransientError: sending it again can succeed', async () => {
    // Prepare
    mock.on(UploadPartCommand).rejects(s3Error('BadDigest', 400));
    const store = new S3ObjectStore(client, BUCKET);

    // Act
    const error = await caught(store.uploadPart('k', 'u', 1, new Uint8Array([1]), { checksumCrc32: 'AAAAAA==' }));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
  });

  test('SlowDown (503) is TransientError; AccessDenied stays as the SDK raised it', async () => {
    // Prepare
    mock.on(CompleteMultipartUploadCommand).rejectsOnce(s3Error('SlowDown', 503)).rejectsOnce(s3Error('AccessDenied', 403));
    const store = new S3ObjectStore(client, BUCKET);

    // Act
    const slow = await caught(store.completeMultipartUpload('k', 'u', [{ partNumber: 1, etag: '"e"' }]));
    const denied = await caught(store.completeMultipartUpload('k', 'u', [{ partNumber: 1, etag: '"e"' }]));

    // Assess
    expect(slow).toBeInstanceOf(TransientError);
    expect(denied).toBeInstanceOf(S3ServiceException);
    expect((denied as Error).name).toBe('AccessDenied');
  });

  test('HeadObject 404 is null', async () => {
    // Prepare
    mock.on(HeadObjectCommand).rejects(s3Error('NotFound', 404));

    // Act
    const head = await new S3ObjectStore(client, BUCKET).headObject('k');

    // Assess
    expect(head).toBeNull();
  });
});

describe('transferFile over an S3 client whose first UploadPart answers 500', () => {
  const harness = new TransferHarness();
  beforeAll(() => harness.start());
  afterAll(() => harness.stop());

  test('the part is read and uploaded again from the checkpoint and the object is byte-exact', async () => {
    // Prepare
    const real = harness.s3Client;
    const flaky = new S3Client(localClientConfig('http://127.0.0.1:1'));
    const mock = mockClient(flaky);
    mock.on(ListMultipartUploadsCommand).callsFake((input) => real.send(new ListMultipartUploadsCommand(input)));
    mock.on(CreateMultipartUploadCommand).callsFake((input) => real.send(new CreateMultipartUploadCommand(input)));
    mock.on(CompleteMultipartUploadCommand).callsFake((input) => real.send(new CompleteMultipartUploadCommand(input)));
    mock
      .on(UploadPartCommand)
      .rejectsOnce(s3Error('InternalError', 500))
      .callsFake((input) => real.send(new UploadPartCommand(input)));
    const clock = new ManualClock();
    const provider = new MemoryStorageProvider();
    const content = new SyntheticContent(2 * PART + 1, 51);
    provider.addFile({ id: 'flaky-s3', content });
    const planned = await harness.plan(provider, 'flaky-s3', clock);

    // Act
    const outcome = await transferFile(
      harness.deps(provider, clock, { objectStore: new S3ObjectStore(flaky, BUCKET) }),
      { ...harness.ref('flaky-s3'), runId: 'run-1' },
      { minPartSize: PART, uploadConcurrency: 1 },
    );

    // Assess
    expect(outcome).toMatchObject({ status: 'done' });
    expect(mock.commandCalls(UploadPartCommand).map((call) => call.args[0].input.PartNumber)).toEqual([1, 1, 2, 3]);
    expect(provider.reads.map((read) => read.start)).toEqual([0, 0]);
    expect(md5((await harness.object(planned.s3Key ?? '')) ?? new Uint8Array())).toBe(content.md5Hex());
    expect(await harness.openUploads()).toEqual([]);
    mock.restore();
    flaky.destroy();
  });
});
