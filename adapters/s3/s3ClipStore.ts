import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectsCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { ClipCutter, ClipPart } from '../../core/ports/clipCutter';
import type { ClipStore } from '../../core/ports/clipStore';
import { TransientError } from '../../core/errors';
import { toObjectStoreError } from './toObjectStoreError';

const PUT_ATTEMPTS = 3;
const RETRY_BASE_MS = 200;

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
      await this.put(request.key, outPath, size, signal);
      return { bytes: size, leadSec: cut.leadSec };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * The SDK cannot retry a request whose body is a stream, so a dropped
   * connection or a 5xx would fail the whole processing step; the clip is on
   * disk, so it is sent again from a new stream, a few times, before giving up.
   */
  private async put(key: string, path: string, size: number, signal: AbortSignal | undefined): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: createReadStream(path), ContentLength: size, ContentType: 'video/mp4' }), { abortSignal: signal });
        return;
      } catch (error) {
        const translated = toObjectStoreError(error, { key, operation: 'PutObject' });
        if (!(translated instanceof TransientError) || attempt >= PUT_ATTEMPTS || signal?.aborted === true) throw translated;
        await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 4 ** (attempt - 1)));
      }
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
    }
  }
}
