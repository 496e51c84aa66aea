import type { FileFailureCode } from '../sync/fileFailureCodes';
import { planRetry, type FailureClass } from '../sync/retryPolicy';
import type { TransferCheckpoint } from '../sync/trackedFile';
import { abortQuietly } from './abortQuietly';
import { recordFailure } from './stepFailure';
import { nowIso, type TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/** Why an attempt did not store the file: English words for logs and English pages, and their code. */
export interface AttemptFailure {
  readonly reason: string;
  readonly code: FileFailureCode;
}

/**
 * Ends an attempt that did not store the file. Counts it; a transient failure
 * below maxAttempts sends the file back to pending (keeping `checkpoint` to
 * resume from, if given). Otherwise its upload is aborted and it is failed
 * with its reason and code and the retry its failure class earns (retryPolicy.ts): a
 * later sync takes a transient or quota failure up again after a growing
 * wait; a permanent one is not retried by itself.
 */
export async function concludeAttempt(
  context: TransferContext,
  attempt: AttemptFailure,
  checkpoint: TransferCheckpoint | null,
  failure: FailureClass = 'transient',
  retryAfterMs?: number,
): Promise<TransferOutcome> {
  const { deps, request, options } = context;
  const { reason } = attempt;
  try {
    if (failure !== 'transient' || context.file.attempts + 1 >= options.maxAttempts) {
      await abortQuietly(deps.objectStore, checkpoint);
      const now = nowIso(context);
      const retry = planRetry(failure, context.file.failedRounds ?? 0, now, retryAfterMs);
      const failed = await deps.files.markFailed(request, request.runId, { now, error: reason, errorCode: attempt.code, retry });
      return { status: 'failed', attempts: failed.attempts, reason, nextAttemptAt: retry.nextAttemptAt };
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
