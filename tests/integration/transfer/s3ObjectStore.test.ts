import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ConflictError, NotFoundError, TransientError } from '../../../core/errors';
import { transferFile } from '../../../core/transfer/transferFile';
import { S3ObjectStore } from '../../../functions/adapters/s3/s3ObjectStore';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { MemoryStorageProvider, SyntheticContent } from '../../fakes/memoryStorageProvider';
import { caught } from '../standins/support/caught';
import { BUCKET, ManualClock, PART, TransferHarness } from './support/transferHarness';

const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message: name });
}

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

  test('a missing upload is NotFoundError for UploadPart and Complete', async () => {
    // Prepare
    const store = harness.objectStore;

    // Act
    const part = await caught(store.uploadPart('store/none.mp4', 'no-such-upload', 1, new Uint8Array(10)));
    const complete = await caught(store.completeMultipartUpload('store/none.mp4', 'no-such-upload', [{ partNumber: 1, etag: '"x"' }]));

    // Assess
    expect(part).toBeInstanceOf(NotFoundError);
    expect(complete).toBeInstanceOf(NotFoundError);
  });

  test('head of a missing key is null; putObject with ifNoneMatch refuses an existing key', async () => {
    // Prepare
    const store = harness.objectStore;
    await store.putObject('store/once.mp4', new Uint8Array([1, 2, 3]), { metadata: { 'vtrack-md5': 'abc' } });

    // Act
    const missing = await store.headObject('store/missing.mp4');
    const head = await store.headObject('store/once.mp4');
    const second = await caught(store.putObject('store/once.mp4', new Uint8Array([4]), { ifNoneMatch: true }));

    // Assess
    expect(missing).toBeNull();
    expect(head).toEqual({ size: 3, etag: `"${md5(new Uint8Array([1, 2, 3]))}"`, metadata: { 'vtrack-md5': 'abc' } });
    expect(second).toBeInstanceOf(ConflictError);
  });
});

describe('S3ObjectStore error branches the stand-in cannot produce (aws-sdk-client-mock)', () => {
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const mock = mockClient(client);
  afterEach(() => mock.reset());

  test('UploadPart sends Content-MD5 and Content-Length, and a 500 that outlived the SDK retries is TransientError', async () => {
    // Prepare
    mock.on(UploadPartCommand).rejects(s3Error('InternalError', 500));
    const store = new S3ObjectStore(client, BUCKET);
    const body = new Uint8Array([9, 8, 7]);

    // Act
    const error = await caught(store.uploadPart('k', 'u', 1, body));

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    const input = mock.commandCalls(UploadPartCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ ContentLength: 3, ContentMD5: createHash('md5').update(body).digest('base64'), PartNumber: 1 });
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
