import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../../core/errors';
import type { RunManifestBatch, RunManifestStore } from '../../core/ports/runManifestStore';
import { toObjectStoreError } from './toObjectStoreError';

/** Where every run of a source keeps its manifest batches (one folder per run). */
export const sourceManifestsPrefix = (tenantId: string, sourceId: string): string => `${tenantId}/${sourceId}/_runs/`;

/** Where one run's manifest batches live. */
export const runManifestPrefix = (tenantId: string, sourceId: string, runId: string): string => `${tenantId}/${sourceId}/_runs/${runId}/`;

/**
 * Run manifests in the footage bucket under the tenant's prefix:
 * `<tenant>/<source>/_runs/<run>/batch-00001.json`. Camera keys are slugs of
 * letters, digits and dashes, so `_runs` never meets footage.
 */
export class S3RunManifestStore implements RunManifestStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async write(tenantId: string, sourceId: string, runId: string, batches: readonly RunManifestBatch[]): Promise<string[]> {
    const keys: string[] = [];
    for (const [index, batch] of batches.entries()) {
      const key = `${runManifestPrefix(tenantId, sourceId, runId)}batch-${String(index + 1).padStart(5, '0')}.json`;
      await this.client
        .send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(batch), ContentType: 'application/json' }))
        .catch((error: unknown) => {
          throw toObjectStoreError(error, { key, operation: 'PutObject' });
        });
      keys.push(key);
    }
    return keys;
  }

  async read(key: string): Promise<RunManifestBatch> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const parsed = JSON.parse((await result.Body?.transformToString()) ?? '{}') as Partial<RunManifestBatch>;
      return { providerFileIds: Array.isArray(parsed.providerFileIds) ? parsed.providerFileIds.map(String) : [] };
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchKey') throw new NotFoundError('run manifest not found', { cause: error, context: { key } });
      throw toObjectStoreError(error, { key, operation: 'GetObject' });
    }
  }
}
