import { QuotaExceededError } from '../errors';
import type { TransferCheckpoint } from '../sync/trackedFile';
import { concludeAttempt } from './concludeAttempt';
import { describeError } from './describeError';
import type { StepFailure } from './stepFailure';
import type { TransferContext } from './transferContext';
import type { TransferOutcome } from './transferTypes';

/** Resume from the checkpoint, or the outcome to return. */
export type FailureDecision = { readonly resume: true } | { readonly resume: false; readonly outcome: TransferOutcome };

/**
 * The one place that decides what a failed step means for the transfer. The
 * only retry in the engine is "resume from the last checkpoint", bounded by
 * maxResumesPerCall; the provider and the S3 client have their own pacers.
 */
export async function handleFailure(
  context: TransferContext,
  failure: StepFailure,
  checkpoint: TransferCheckpoint | null,
  resumesSoFar: number,
): Promise<FailureDecision> {
  const { deps, request } = context;
  switch (failure.kind) {
    case 'lost-claim':
      // The other run owns the row and the upload now: touch neither.
      return { resume: false, outcome: { status: 'busy', reason: 'another run took over the file' } };
    case 'permanent':
      return { resume: false, outcome: await concludeAttempt(context, describeError(failure.error), checkpoint, 'permanent') };
    case 'quota':
      // Resuming now would meet the same quota: fail the file, a later sync takes it up again.
      return {
        resume: false,
        outcome: await concludeAttempt(context, describeError(failure.error), checkpoint, 'quota', failure.error instanceof QuotaExceededError ? failure.error.retryAfterMs : undefined),
      };
    case 'fatal':
      await deps.files.releaseClaim(request, request.runId, deps.clock.now().toISOString()).catch(() => undefined);
      throw failure.error;
    case 'transient':
    case 'upload-gone':
      if (resumesSoFar < context.options.maxResumesPerCall) return { resume: true };
      return { resume: false, outcome: await concludeAttempt(context, describeError(failure.error), checkpoint) };
  }
}
