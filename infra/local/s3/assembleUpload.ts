import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FilesystemStore } from 's3rver';
import type { UploadRecord } from './MultipartUploadStore';

/** Bytes moved per read and write while joining parts. */
const COPY_BUFFER = 8 * 1024 * 1024;

/**
 * Joins the listed parts of an upload into its object, in s3rver's on-disk
 * layout (`object`, `metadata.json` with the initiate request's headers,
 * `object.md5` with the ETag), then removes the upload folder. Replaces
 * s3rver's putObjectMultipart, which pipes every part through a stream stage
 * that hashes the whole object again in 64 KiB chunks: wasted work, since the
 * ETag of a multipart object is S3's `<md5 of the part md5s>-<count>` (the
 * caller computes it from the parts' stored digests), and on a 2 GiB upload
 * that pass cost the stand-in more than the bytes' copy itself. Here the bytes
 * are copied in 8 MiB reads and writes, into a file beside the parts that is
 * renamed into place once whole, so a reader never sees a half-joined object.
 */
export async function assembleUpload(store: FilesystemStore, upload: UploadRecord, partNumbers: readonly number[], etag: string): Promise<void> {
  const objectPath = store.getResourcePath(upload.bucket, upload.key, 'object');
  const joined = path.join(upload.directory, 'joined');
  const metadata = JSON.parse(await readFile(path.join(upload.directory, 'metadata'), 'utf8')) as Record<string, string>;
  const output = await open(joined, 'w');
  try {
    const buffer = Buffer.allocUnsafe(COPY_BUFFER);
    for (const partNumber of partNumbers) {
      const input = await open(path.join(upload.directory, String(partNumber)), 'r');
      try {
        for (;;) {
          const { bytesRead } = await input.read(buffer, 0, COPY_BUFFER, null);
          if (bytesRead === 0) break;
          for (let written = 0; written < bytesRead; ) written += (await output.write(buffer, written, bytesRead - written)).bytesWritten;
        }
      } finally {
        await input.close();
      }
    }
  } finally {
    await output.close();
  }
  await mkdir(path.dirname(objectPath), { recursive: true });
  await rename(joined, objectPath);
  await store.putMetadata(upload.bucket, upload.key, metadata, etag);
  await rm(upload.directory, { recursive: true, force: true });
}
