import { ValidationError } from '../errors';
import type { TrackedFile, TransferCheckpoint } from '../sync/trackedFile';
import { abortQuietly } from './abortQuietly';
import { concludeAttempt } from './concludeAttempt';
import { planParts } from './planParts';
import { putSmallFile } from './putSmallFile';
import { resolveTransferOptions } from './resolveTransferOptions';
import type { ResolvedTransferOptions, TransferContext } from './transferContext';
import { transferMultipart } from './transferMultipart';
import type { TransferDeps, TransferOptions, TransferOutcome, TransferRequest } from './transferTypes';

/**
 * Streams one provider file into the object store, verified by MD5, resumable.
 * What to transfer (size, MD5, revision, key) is the tracked row's; the row is
 * claimed first, so two runs never move one file at once, and every later write
 * is conditional on holding that claim. Safe to call again with any outcome:
 * done stays done, incomplete and retry continue from the stored checkpoint.
 */
export async function transferFile(deps: TransferDeps, request: TransferRequest, options: TransferOptions = {}): Promise<TransferOutcome> {
  const resolved = resolveTransferOptions(options);
  const now = deps.clock.now();
  const claimed = await deps.files.claimForTransfer(request, {
    runId: request.runId,
    now: now.toISOString(),
    leaseUntil: new Date(now.getTime() + resolved.leaseMs).toISOString(),
    retryFailed: resolved.retryFailed,
  });
  if (claimed === null) return explainUnclaimed(deps, request);

  const context = contextFor(deps, request, claimed, resolved);
  if (typeof context === 'string') return concludeAttempt(contextWithoutContent(deps, request, claimed, resolved), { reason: context, code: 'unknown' }, null, 'permanent');

  const resumable = await resumableCheckpoint(context, claimed.checkpoint);
  if (resumable !== null) return transferMultipart(context, resumable, resumable.partSize);
  const plan = planParts(context.size, resolved.minPartSize);
  return plan.singlePut ? putSmallFile(context) : transferMultipart(context, null, plan.partSize);
}

/**
 * The row's checkpoint if it belongs to this content and key and its upload
 * takes CRC32 part checksums; otherwise its upload is aborted. A checkpoint
 * from before part checksums names an upload created without an algorithm,
 * which S3 refuses parts with a CRC32 for: starting over once is simpler than
 * a second way to upload and complete parts.
 */
async function resumableCheckpoint(context: TransferContext, checkpoint: TransferCheckpoint | null): Promise<TransferCheckpoint | null> {
  if (checkpoint === null) return null;
  const sameContent = checkpoint.revision === context.file.revision && checkpoint.s3Key === context.s3Key;
  if (sameContent && checkpoint.partChecksum === 'CRC32' && checkpoint.bytesDone <= context.size) return checkpoint;
  await abortQuietly(context.deps.objectStore, checkpoint);
  return null;
}

/** The claimed row as a transfer context, or the reason it can never be transferred. */
function contextFor(deps: TransferDeps, request: TransferRequest, file: TrackedFile, options: ResolvedTransferOptions): TransferContext | string {
  if (file.s3Key === null) {
    throw new ValidationError('s3Key', 'the tracked file has no planned S3 key', { context: { providerFileId: file.providerFileId } });
  }
  if (file.size === null) return 'the provider reports no size for this file';
  if (file.md5 === null) return 'the provider reports no MD5 for this file, so its copy cannot be verified';
  return { deps, request, file, size: file.size, expectedMd5: file.md5.toLowerCase(), s3Key: file.s3Key, options };
}

function contextWithoutContent(deps: TransferDeps, request: TransferRequest, file: TrackedFile, options: ResolvedTransferOptions): TransferContext {
  return { deps, request, file, size: 0, expectedMd5: '', s3Key: file.s3Key ?? '', options };
}

async function explainUnclaimed(deps: TransferDeps, request: TransferRequest): Promise<TransferOutcome> {
  const file = await deps.files.get(request);
  if (file === null) return { status: 'skipped', reason: 'no tracked file' };
  switch (file.status) {
    case 'done':
      return { status: 'done', bytes: file.bytesTransferred, s3Key: file.s3Key ?? '', alreadyDone: true, previousS3Key: file.previousS3Key ?? null };
    case 'failed':
      return { status: 'failed', attempts: file.attempts, reason: file.lastError ?? 'failed', nextAttemptAt: file.nextAttemptAt ?? null };
    case 'skipped':
    case 'removed':
    case 'expired':
    case 'unprocessable': // an agent's file it could not read on site: nothing of it is to be transferred
      return { status: 'skipped', reason: file.reason ?? `the file is ${file.status}` };
    case 'pending':
    case 'transferring':
      return { status: 'busy', reason: `run ${file.runId ?? 'unknown'} holds the file` };
  }
}
