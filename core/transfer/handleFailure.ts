import { QuotaExceededError } from '../errors';
import { fileFailureCodeOf } from '../sync/fileFailureCodes';
import type { TransferCheckpoint } from '../sync/trackedFile';
import { concludeAttempt, type AttemptFailure } from './concludeAttempt';
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
  const attempt: AttemptFailure = { reason: describeError(failure.error), code: codeOf(failure) };
  switch (failure.kind) {
    case 'lost-claim':
      // The other run owns the row and the upload now: touch neither.
      return { resume: false, outcome: { status: 'busy', reason: 'another run took over the file' } };
    case 'permanent':
      return { resume: false, outcome: await concludeAttempt(context, attempt, checkpoint, 'permanent') };
    case 'quota':
      // Resuming now would meet the same quota: fail the file, a later sync takes it up again.
      return {
        resume: false,
        outcome: await concludeAttempt(context, attempt, checkpoint, 'quota', failure.error instanceof QuotaExceededError ? failure.error.retryAfterMs : undefined),
      };
    case 'fatal':
      await deps.files.releaseClaim(request, request.runId, deps.clock.now().toISOString()).catch(() => undefined);
      throw failure.error;
    case 'transient':
    case 'upload-gone':
      if (resumesSoFar < context.options.maxResumesPerCall) return { resume: true };
      return { resume: false, outcome: await concludeAttempt(context, attempt, checkpoint) };
  }
}

/** A step that failed for now (its resumes used up) is the provider or the network staying down, whatever the error says. */
function codeOf(failure: StepFailure): AttemptFailure['code'] {
  const code = fileFailureCodeOf(failure.error);
  return code === 'unknown' && failure.kind === 'transient' ? 'network' : code;
}
