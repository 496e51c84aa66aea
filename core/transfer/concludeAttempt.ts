import type { TransferCheckpoint } from '../sync/trackedFile';
import { abortQuietly } from './abortQuietly';
import { recordFailure } from './stepFailure';
import { nowIso, type TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/**
 * Ends an attempt that did not store the file. Counts it; below maxAttempts the
 * file goes back to pending (keeping `checkpoint` to resume from, if given),
 * otherwise its upload is aborted and it is failed with `reason`. `permanent`
 * fails it at once: retrying cannot help.
 */
export async function concludeAttempt(
  context: TransferContext,
  reason: string,
  checkpoint: TransferCheckpoint | null,
  permanent = false,
): Promise<TransferOutcome> {
  const { deps, request, options } = context;
  try {
    if (permanent || context.file.attempts + 1 >= options.maxAttempts) {
      await abortQuietly(deps.objectStore, checkpoint);
      const failed = await deps.files.markFailed(request, request.runId, { now: nowIso(context), error: reason });
      return { status: 'failed', attempts: failed.attempts, reason, size: failed.size };
    }
    const released = await deps.files.releaseForRetry(request, request.runId, {
      now: nowIso(context),
      error: reason,
      keepCheckpoint: checkpoint !== null,
    });
    return { status: 'retry', attempts: released.attempts, reason };
  } catch (error) {
    const failure = recordFailure(error);
    if (failure.kind === 'lost-claim') return { status: 'busy', reason: 'another run took over the file' };
    throw failure.error;
  }
}
