import { GetObjectTaggingCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoEventRepository } from '../../../../adapters/dynamodb/dynamoEventRepository';
import { DynamoShareLinkRepository } from '../../../../adapters/dynamodb/dynamoShareLinkRepository';
import { DynamoStorageLedger } from '../../../../adapters/dynamodb/dynamoStorageLedger';
import { DynamoStorageSettingsRepository } from '../../../../adapters/dynamodb/dynamoStorageSettingsRepository';
import { DynamoSourceRepository } from '../../../../adapters/dynamodb/dynamoSourceRepository';
import { DynamoTrackedFileRepository } from '../../../../adapters/dynamodb/dynamoTrackedFileRepository';
import { DynamoAuditLog } from '../../../../adapters/dynamodb/dynamoAuditLog';
import { randomIds } from '../../../../adapters/system/randomIds';
import type { Identity } from '../../../../core/identity/identity';
import { S3ObjectTagger } from '../../../../adapters/s3/s3ObjectTagger';
import type { Clock } from '../../../../core/ports/clock';
import { StorageAccounting } from '../../../../core/storage/storageAccounting';
import type { StorageServiceDeps } from '../../../../core/storage/storageService';
import { localClientConfig } from '../../../../infra/local/awsClientConfig';
import { startS3StandIn } from '../../../../infra/local/s3/startS3StandIn';
import { startDynamoTables } from '../../../support/dynamoTables';
import { makeTempDir, removeTempDir } from '../../standins/support/tempDir';

export const BUCKET = 'footage';

/** A movable clock: tests hold it still or move it on by days. */
export function movableClock(start = new Date()): Clock & { advanceDays(days: number): void; set(at: Date): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advanceDays: (days) => (now += days * 86_400_000), set: (at) => (now = at.getTime()) };
}

/** Real S3 and DynamoDB stand-ins with the storage adapters wired on them. */
export async function openStorageRig(label: string) {
  const dataDir = await makeTempDir(label);
  const s3StandIn = await startS3StandIn({ dataDir, buckets: [BUCKET] });
  const s3 = new S3Client(localClientConfig(s3StandIn.endpoint));
  const tables = await startDynamoTables(label);
  const table = await tables.freshTable();
  const clock = movableClock();
  const ledger = new DynamoStorageLedger(table, clock);
  const settings = new DynamoStorageSettingsRepository(table);
  const tagger = new S3ObjectTagger(s3, BUCKET);
  const files = new DynamoTrackedFileRepository(table);
  const events = new DynamoEventRepository(table);
  const shareLinks = new DynamoShareLinkRepository(table);
  const sources = new DynamoSourceRepository(table);
  const accounting = new StorageAccounting({ ledger, tagger, settings, clock, shareLinks });
  const audit = new DynamoAuditLog(table);
  const service: StorageServiceDeps = { ledger, tagger, settings, events, clock, audit, ids: randomIds, shareLinks, sources };
  return {
    s3,
    /** The table the adapters write to, for tests that build their own adapters on it. */
    table,
    clock,
    ledger,
    settings,
    tagger,
    files,
    events,
    shareLinks,
    sources,
    accounting,
    service,
    audit,
    /** Puts an object as a write point would, and tells the accounting. */
    async store(object: { tenantId: string; sourceId: string; cameraId: string; key: string; kind: 'footage' | 'clip'; bytes: number; providerFileId?: string; eventId?: string }): Promise<void> {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: object.key, Body: Buffer.alloc(object.bytes, 7) }));
      await accounting.stored(object);
    },
    async keys(): Promise<string[]> {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
    async tagOf(key: string): Promise<string | undefined> {
      const tags = await s3.send(new GetObjectTaggingCommand({ Bucket: BUCKET, Key: key }));
      return tags.TagSet?.find((tag) => tag.Key === 'vt-retain')?.Value;
    },
    async close(): Promise<void> {
      s3.destroy();
      await tables.close();
      await s3StandIn.stop();
      await removeTempDir(dataDir);
    },
  };
}

export type StorageRig = Awaited<ReturnType<typeof openStorageRig>>;

/** The signed-in owner of a test tenant. */
export const ownerOf = (tenantId: string): Identity => ({ tenantId, userId: 'user_owner', email: 'owner@shop.example' });
