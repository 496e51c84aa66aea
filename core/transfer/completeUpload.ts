import type { TransferCheckpoint } from '../sync/trackedFile';
import { NotFoundError } from '../errors';
import { isVerifiedObject } from './objectMetadata';
import { StepFailure, storeFailure } from './stepFailure';
import type { TransferContext } from './transferContext';

/**
 * CompleteMultipartUpload, safe to repeat. A Complete whose answer was lost, or
 * a crash between Complete and markDone, leaves the upload gone (NoSuchUpload)
 * and the object in place; then the object's size and the verified MD5 in its
 * metadata prove the earlier Complete did the work. Otherwise the upload really
 * vanished (lifecycle rule, an abort elsewhere) and the transfer starts over.
 *
 * No `If-None-Match: *`: the key of a file's new revision may hold the old
 * object, which must be replaced, and a retried Complete would get 412 for its
 * own object. Exclusivity comes from the claim, not from the key.
 */
export async function completeUpload(context: TransferContext, checkpoint: TransferCheckpoint): Promise<void> {
  const { objectStore } = context.deps;
  try {
    await objectStore.completeMultipartUpload(
      checkpoint.s3Key,
      checkpoint.uploadId,
      // An upload created with a checksum algorithm must list every part's checksum (S3 answers InvalidRequest otherwise).
      checkpoint.parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag, checksumCrc32: part.checksumCrc32 })),
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw storeFailure(error);
    let head;
    try {
      head = await objectStore.headObject(checkpoint.s3Key);
    } catch (headError) {
      throw storeFailure(headError);
    }
    if (!isVerifiedObject(context, head)) throw new StepFailure('upload-gone', error);
  }
}
