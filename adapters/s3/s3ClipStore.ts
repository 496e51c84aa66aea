import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ClipCutter, ClipPart } from '../../core/ports/clipCutter';
import type { ClipStore } from '../../core/ports/clipStore';
import { toObjectStoreError } from './toObjectStoreError';

/**
 * Clips cut by a ClipCutter (ffmpeg, stream copy with +faststart) into a temp
 * folder, streamed to S3 and removed at once: /tmp holds one clip at a time, an
 * order's few minutes of footage at most, never a whole recording.
 */
export class S3ClipStore implements ClipStore {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly cutter: ClipCutter,
  ) {}

  async store(request: { parts: readonly ClipPart[]; key: string }, signal?: AbortSignal): Promise<{ bytes: number; leadSec: number }> {
    const dir = await mkdtemp(join(tmpdir(), 'vtrack-clip-'));
    try {
      const outPath = join(dir, 'clip.mp4');
      const cut = await this.cutter.cut({ parts: request.parts, outPath, mode: 'copy' }, signal);
      const { size } = await stat(outPath);
      await this.client
        .send(new PutObjectCommand({ Bucket: this.bucket, Key: request.key, Body: createReadStream(outPath), ContentLength: size, ContentType: 'video/mp4' }))
        .catch((error: unknown) => {
          throw toObjectStoreError(error, { key: request.key, operation: 'PutObject' });
        });
      return { bytes: size, leadSec: cut.leadSec };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}
