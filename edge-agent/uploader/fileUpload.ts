import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import type { StartUploadBody } from '../../core/api/agentsApi';
import { NotFoundError } from '../../core/errors';
import type { AgentApiClient } from '../cloud/agentApiClient';
import type { TokenBucket } from './tokenBucket';
import { putPart } from './putPart';

/** Where one file's upload stands, kept durably after every part so a restart goes on from the next missing part. */
export interface FileUploadProgress {
  readonly uploadId: string | null;
  readonly partSize: number;
  readonly partCount: number;
  readonly md5Hex: string | null;
  /** ETags of the parts done, in order: part i+1 is done when etags[i] is set. */
  readonly etags: readonly string[];
  readonly completed: boolean;
}

export const emptyProgress: FileUploadProgress = { uploadId: null, partSize: 0, partCount: 0, md5Hex: null, etags: [], completed: false };

export interface FileUploadOptions {
  readonly client: AgentApiClient;
  readonly path: string;
  /** The start request without size and MD5, which are read from the file. */
  readonly start: DistributiveOmit<StartUploadBody, 'size' | 'md5Hex'>;
  readonly progress: FileUploadProgress;
  readonly save: (progress: FileUploadProgress) => Promise<void>;
  readonly bucket: TokenBucket;
  /** Checked before each part: false stops the upload until later (outside the upload windows). */
  readonly mayUpload: () => boolean;
  readonly onBytes: (bytes: number) => void;
  readonly onPart: (part: { uploadId: string; partNumber: number; partCount: number }) => void;
  readonly signal?: AbortSignal;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The file changed or vanished since it was queued: its upload can never finish. */
export class FileChangedError extends Error {
  override readonly name = 'FileChangedError';
}

const READ_BUFFER = 1024 * 1024;

/** MD5 of the whole file, read in 1 MiB pieces (bounded memory). */
async function md5OfFile(file: string, signal?: AbortSignal): Promise<{ md5Hex: string; size: number }> {
  const handle = await open(file, 'r');
  try {
    const hash = createHash('md5');
    const buffer = Buffer.allocUnsafe(READ_BUFFER);
    let size = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, READ_BUFFER, size);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { md5Hex: hash.digest('hex'), size };
  } finally {
    await handle.close();
  }
}

/**
 * Uploads one file through the agent routes: start (the cloud picks the key
 * and part size), then per part a presigned URL and a PUT with the part's
 * Content-MD5, then complete with the ETags. Two part buffers are held: the
 * next part is read, hashed and given its URL while one is sent.
 * Progress is saved after every part; an upload id the cloud no longer has
 * (aborted as stale) starts over. Returns 'paused' when the upload window
 * closed, 'done' when complete.
 */
export async function uploadFile(options: FileUploadOptions): Promise<'done' | 'paused'> {
  const { client, signal } = options;
  let progress = options.progress;
  if (progress.completed) return 'done';
  if (!options.mayUpload()) return 'paused';
  if (progress.uploadId === null) {
    const { md5Hex, size } = await md5OfFile(options.path, signal);
    const started = await client.startUpload({ ...options.start, size, md5Hex } as StartUploadBody);
    progress = { uploadId: started.uploadId, partSize: started.partSize, partCount: started.partCount, md5Hex, etags: [], completed: false };
    await options.save(progress);
  }
  const uploadId = progress.uploadId ?? '';
  const handle = await open(options.path, 'r').catch((error: unknown) => {
    throw new FileChangedError(`the file ${options.path} is gone: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const fileSize = (await handle.stat()).size;
    const partSize = progress.partSize;
    // Two part buffers: the next part is read, hashed and given its URL while this one is sent.
    const buffers = [Buffer.allocUnsafe(Math.min(partSize, Math.max(fileSize, 1))), Buffer.allocUnsafe(Math.min(partSize, Math.max(fileSize, 1)))];
    const prepare = async (part: number): Promise<{ body: Buffer; url: { url: string; headers: Readonly<Record<string, string>> } }> => {
      const offset = (part - 1) * partSize;
      const expected = Math.max(0, Math.min(partSize, fileSize - offset));
      const buffer = buffers[part % 2] as Buffer;
      const { bytesRead } = await handle.read(buffer, 0, expected, offset);
      if (bytesRead !== expected || (part === progress.partCount && offset + expected !== fileSize)) throw new FileChangedError(`the file ${options.path} changed size while it was uploaded`);
      const body = buffer.subarray(0, bytesRead);
      const md5 = createHash('md5').update(body).digest('base64');
      return { body, url: await client.partUrl({ uploadId, partNumber: part, contentMd5: md5 }) };
    };
    const first = progress.etags.length + 1;
    let next = first <= progress.partCount ? prepare(first) : null;
    for (let part = first; part <= progress.partCount && next !== null; part++) {
      let prepared;
      try {
        prepared = await next;
      } catch (error) {
        if (error instanceof NotFoundError) {
          await options.save(emptyProgress);
          return uploadFile({ ...options, progress: emptyProgress });
        }
        throw error;
      }
      if (!options.mayUpload()) return 'paused';
      next = part < progress.partCount ? prepare(part + 1) : null;
      // Handled when awaited next round; marked here so a failure of this part cannot leave it unhandled.
      next?.catch(() => undefined);
      // The store checks the body against the signed Content-MD5 (BadDigest otherwise); its ETag is not an MD5 under SSE-KMS.
      const etag = await putPart(prepared.url.url, prepared.url.headers, prepared.body, options.bucket, options.onBytes, signal);
      progress = { ...progress, etags: [...progress.etags, etag] };
      await options.save(progress);
      options.onPart({ uploadId, partNumber: part, partCount: progress.partCount });
    }
  } finally {
    await handle.close();
  }
  try {
    await client.completeUpload({ uploadId, parts: progress.etags.map((etag, index) => ({ partNumber: index + 1, etag })) });
  } catch (error) {
    if (error instanceof NotFoundError) {
      await options.save(emptyProgress);
      return uploadFile({ ...options, progress: emptyProgress });
    }
    throw error;
  }
  await options.save({ ...progress, completed: true });
  return 'done';
}
