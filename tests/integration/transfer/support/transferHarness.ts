import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListMultipartUploadsCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import type { Clock } from '../../../../core/ports/clock';
import type { TrackedFileRef } from '../../../../core/ports/trackedFileRepository';
import type { TrackedFile } from '../../../../core/sync/trackedFile';
import type { TransferDeps } from '../../../../core/transfer/transferTypes';
import { DynamoTrackedFileRepository } from '../../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { makeTableContext } from '../../../../adapters/dynamodb/tableContext';
import { S3ObjectStore } from '../../../../adapters/s3/s3ObjectStore';
import { localClientConfig } from '../../../../infra/local/awsClientConfig';
import { createTableIfMissing } from '../../../../infra/local/dynamodb/createTableIfMissing';
import { startDynamoStandIn } from '../../../../infra/local/dynamodb/startDynamoStandIn';
import type { RunningService } from '../../../../infra/local/runningService';
import { startS3StandIn } from '../../../../infra/local/s3/startS3StandIn';
import type { MemoryStorageProvider } from '../../../fakes/memoryStorageProvider';
import { makeTempDir, removeTempDir } from '../../standins/support/tempDir';

export const MiB = 1024 * 1024;
export const PART = 5 * MiB;
export const BUCKET = 'footage';
export const TENANT = 'tenant-a';
export const SOURCE = 'source-1';
const T0 = Date.UTC(2025, 6, 18, 9, 0, 0);

/** Time that moves only when a test moves it, so leases and deadlines are exact. */
export class ManualClock implements Clock {
  constructor(private ms = T0) {}
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Both stand-ins, real SDK clients and the adapters under test, for one test file. */
export class TransferHarness {
  s3Client!: S3Client;
  dynamoClient!: DynamoDBClient;
  files!: DynamoTrackedFileRepository;
  objectStore!: S3ObjectStore;
  private s3!: RunningService;
  private dynamo!: RunningService;
  private dataDir!: string;

  async start(): Promise<void> {
    this.dataDir = await makeTempDir('transfer');
    [this.s3, this.dynamo] = await Promise.all([startS3StandIn({ dataDir: this.dataDir, buckets: [BUCKET] }), startDynamoStandIn({})]);
    this.s3Client = new S3Client(localClientConfig(this.s3.endpoint));
    this.dynamoClient = new DynamoDBClient(localClientConfig(this.dynamo.endpoint));
    await createTableIfMissing(this.dynamoClient, 'vtrack');
    this.files = new DynamoTrackedFileRepository(makeTableContext({ tableName: 'vtrack', client: this.dynamoClient }));
    this.objectStore = new S3ObjectStore(this.s3Client, BUCKET);
  }

  async stop(): Promise<void> {
    this.s3Client?.destroy();
    this.dynamoClient?.destroy();
    await Promise.all([this.s3?.stop(), this.dynamo?.stop()]);
    if (this.dataDir) await removeTempDir(this.dataDir);
  }

  deps(provider: MemoryStorageProvider, clock: Clock, overrides: Partial<TransferDeps> = {}): TransferDeps {
    return { provider, objectStore: this.objectStore, files: this.files, clock, ...overrides };
  }

  /** The row the planner would have written for a provider file. */
  async plan(provider: MemoryStorageProvider, fileId: string, clock: Clock, overrides: Partial<TrackedFile> = {}): Promise<TrackedFile> {
    const entry = await provider.getEntry(fileId);
    const now = clock.now().toISOString();
    return this.files.upsert({
      tenantId: TENANT,
      sourceId: SOURCE,
      providerFileId: fileId,
      name: entry.name,
      relativePath: entry.name,
      cameraId: 'cam1',
      mimeType: entry.mimeType,
      size: entry.size,
      md5: entry.md5,
      revision: entry.revision,
      modifiedTime: entry.modifiedTime,
      recordingStartAt: null,
      s3Key: `${TENANT}/footage/${SOURCE}/${fileId}/${entry.name}`,
      status: 'pending',
      attempts: 0,
      lastError: null,
      reason: null,
      bytesTransferred: 0,
      checkpoint: null,
      runId: 'run-plan',
      createdAt: now,
      updatedAt: now,
      ...overrides,
    });
  }

  ref(fileId: string): TrackedFileRef {
    return { tenantId: TENANT, sourceId: SOURCE, providerFileId: fileId };
  }

  async row(fileId: string): Promise<TrackedFile> {
    const row = await this.files.get(this.ref(fileId));
    if (row === null) throw new Error(`no row for ${fileId}`);
    return row;
  }

  /** The stored object's bytes, or null when there is none. */
  async object(key: string): Promise<Buffer | null> {
    try {
      const output = await this.s3Client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      return Buffer.from((await output.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }

  /** Multipart uploads still open in the bucket ("key#uploadId"). */
  async openUploads(): Promise<string[]> {
    const listing = await this.s3Client.send(new ListMultipartUploadsCommand({ Bucket: BUCKET }));
    return (listing.Uploads ?? []).map((upload) => `${upload.Key}#${upload.UploadId}`);
  }
}
