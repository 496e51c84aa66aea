import type { ObjectStore } from '../ports/objectStore';

/** S3 takes parts of at least 5 MiB (but the last); 8 MiB keeps part counts low and memory bounded. */
export const EXPORT_PART_BYTES = 8 * 1024 * 1024;

/**
 * Writes a stream of chunks into one object by multipart upload, holding at most
 * one part in memory. On any failure the upload is aborted, so no half object and
 * no billed orphan parts stay behind.
 */
export async function writeMultipart(
  store: Pick<ObjectStore, 'createMultipartUpload' | 'uploadPart' | 'completeMultipartUpload' | 'abortMultipartUpload'>,
  key: string,
  chunks: AsyncIterable<Uint8Array>,
  options: { readonly contentType: string; readonly partBytes?: number; readonly tags?: Readonly<Record<string, string>> },
): Promise<{ bytes: number }> {
  const partBytes = options.partBytes ?? EXPORT_PART_BYTES;
  const { uploadId } = await store.createMultipartUpload(key, { contentType: options.contentType, ...(options.tags === undefined ? {} : { tags: options.tags }) });
  const parts: { partNumber: number; etag: string }[] = [];
  let buffer = new Uint8Array(partBytes);
  let filled = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    const partNumber = parts.length + 1;
    const { etag } = await store.uploadPart(key, uploadId, partNumber, buffer.subarray(0, filled));
    parts.push({ partNumber, etag });
    buffer = new Uint8Array(partBytes);
    filled = 0;
  };
  try {
    for await (const chunk of chunks) {
      bytes += chunk.length;
      let at = 0;
      while (at < chunk.length) {
        const take = Math.min(partBytes - filled, chunk.length - at);
        buffer.set(chunk.subarray(at, at + take), filled);
        filled += take;
        at += take;
        if (filled === partBytes) await flush();
      }
    }
    if (filled > 0 || parts.length === 0) await flush();
    await store.completeMultipartUpload(key, uploadId, parts);
    return { bytes };
  } catch (error) {
    await store.abortMultipartUpload(key, uploadId).catch(() => undefined);
    throw error;
  }
}
