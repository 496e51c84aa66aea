import type { TransferCheckpoint } from '../sync/trackedFile';
import { abortQuietly } from './abortQuietly';
import { completeUpload } from './completeUpload';
import { concludeAttempt } from './concludeAttempt';
import { md5HexOfState } from './md5State';
import { recordFailure } from './stepFailure';
import { nowIso, type TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/**
 * All bytes are uploaded: compare the MD5 of what was read with the provider's.
 * Match: complete and mark done. Mismatch: abort the upload (nothing unverified
 * becomes visible) and count the attempt.
 */
export async function finishMultipart(context: TransferContext, checkpoint: TransferCheckpoint): Promise<TransferOutcome> {
  const actual = await md5HexOfState(checkpoint.md5State);
  if (actual !== context.expectedMd5) {
    await abortQuietly(context.deps.objectStore, checkpoint);
    return concludeAttempt(context, { reason: `checksum mismatch: expected ${context.expectedMd5} got ${actual}`, code: 'checksum_mismatch' }, null);
  }
  await completeUpload(context, checkpoint);
  return markStored(context);
}

export async function markStored(context: TransferContext): Promise<TransferOutcome> {
  const { deps, request } = context;
  try {
    // Tagged and counted before the file is done: a retry after a failure here tags and counts again, which changes nothing twice.
    await deps.storage?.stored({
      tenantId: request.tenantId,
      sourceId: request.sourceId,
      cameraId: context.file.cameraId ?? '',
      key: context.s3Key,
      kind: 'footage',
      bytes: context.size,
      providerFileId: request.providerFileId,
    });
    const done = await deps.files.markDone(request, request.runId, { now: nowIso(context), bytes: context.size });
    return { status: 'done', bytes: context.size, s3Key: context.s3Key, alreadyDone: false, previousS3Key: done.previousS3Key ?? null };
  } catch (error) {
    throw recordFailure(error);
  }
}
