import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { NotFoundError } from '../../core/errors';
import type { CameraWork, ProcessingManifestStore } from '../../core/ports/processingManifestStore';
import { runManifestPrefix } from './s3RunManifestStore';
import { toObjectStoreError } from './toObjectStoreError';

/**
 * Processing plans beside the run's transfer manifests:
 * `<tenant>/<source>/_runs/<run>/process/camera-00001.json`, so FinishRun's
 * clean-up of the source's `_runs/` removes them with the rest.
 */
export class S3ProcessingManifestStore implements ProcessingManifestStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async write(tenantId: string, sourceId: string, runId: string, work: readonly CameraWork[]): Promise<string[]> {
    const keys: string[] = [];
    for (const [index, camera] of work.entries()) {
      const key = `${runManifestPrefix(tenantId, sourceId, runId)}process/camera-${String(index + 1).padStart(5, '0')}.json`;
      await this.client
        .send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: JSON.stringify(camera), ContentType: 'application/json' }))
        .catch((error: unknown) => {
          throw toObjectStoreError(error, { key, operation: 'PutObject' });
        });
      keys.push(key);
    }
    return keys;
  }

  async read(key: string): Promise<CameraWork> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const parsed = JSON.parse((await result.Body?.transformToString()) ?? '{}') as Partial<CameraWork>;
      return {
        cameraId: String(parsed.cameraId ?? ''),
        files: Array.isArray(parsed.files) ? parsed.files.map((f) => ({ providerFileId: String(f.providerFileId), todo: f.todo === true })) : [],
      };
    } catch (error) {
      if (error instanceof Error && error.name === 'NoSuchKey') throw new NotFoundError('processing manifest not found', { cause: error, context: { key } });
      throw toObjectStoreError(error, { key, operation: 'GetObject' });
    }
  }
}
