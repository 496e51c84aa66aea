import type { TransferCheckpoint } from '../sync/trackedFile';
import { newMd5, saveMd5 } from './md5State';
import { objectMetadata } from './objectMetadata';
import { recordFailure, storeFailure } from './stepFailure';
import { leaseUntil, nowIso, type TransferContext } from './transferContext';

/**
 * Creates the multipart upload, with S3's CRC32 part checksum, and records it at
 * once, before any part: a crash after this point leaves an upload the ledger
 * knows about (and can abort). A process killed between the create and that
 * first record leaves an upload nobody names; the file's next upload starts by
 * aborting every upload still open for its key, which this run's claim on the
 * file (and the key's claim on the file) makes safe: no one else can own one.
 */
export async function startUpload(context: TransferContext, partSize: number): Promise<TransferCheckpoint> {
  const { deps, request, s3Key } = context;
  let uploadId: string;
  try {
    for (const stray of await deps.objectStore.listOpenUploads(s3Key)) await deps.objectStore.abortMultipartUpload(s3Key, stray);
    ({ uploadId } = await deps.objectStore.createMultipartUpload(s3Key, {
      contentType: context.file.mimeType,
      metadata: objectMetadata(context),
      partChecksum: 'CRC32',
    }));
  } catch (error) {
    throw storeFailure(error);
  }
  const checkpoint: TransferCheckpoint = {
    uploadId,
    s3Key,
    partSize,
    parts: [],
    bytesDone: 0,
    md5State: saveMd5(await newMd5()),
    revision: context.file.revision,
    updatedAt: nowIso(context),
    partChecksum: 'CRC32',
  };
  try {
    await deps.files.saveCheckpoint(request, request.runId, checkpoint, leaseUntil(context));
  } catch (error) {
    // Nobody else knows this upload id: abort it rather than leave it to the lifecycle rule.
    await deps.objectStore.abortMultipartUpload(s3Key, uploadId).catch(() => undefined);
    throw recordFailure(error);
  }
  return checkpoint;
}
