import {
  ConflictError,
  NotFoundError,
  PermanentError,
  QuotaExceededError,
  ReauthRequiredError,
  TransientError,
  UnauthorizedError,
  ValidationError,
} from '../errors';

/**
 * How a step of a transfer failed, which decides what transferFile does next:
 * - transient: resume from the last checkpoint (bounded per call);
 * - permanent: the provider will never serve the file: abort, mark failed;
 * - quota: the provider will serve it, but not today (a download quota): abort, mark failed, a later sync retries;
 * - upload-gone: the multipart upload vanished (aborted elsewhere, lifecycle rule): start a new one;
 * - lost-claim: another run holds the file now: stop, touch nothing;
 * - fatal: a bug, revoked access, misconfiguration: release the claim and rethrow.
 */
export type FailureKind = 'transient' | 'quota' | 'permanent' | 'upload-gone' | 'lost-claim' | 'fatal';

export class StepFailure extends Error {
  override readonly name = 'StepFailure';

  constructor(
    readonly kind: FailureKind,
    readonly error: unknown,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Errors while asking for or streaming provider bytes. A stream that breaks mid-body is transient. */
export function readFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof QuotaExceededError) return new StepFailure('quota', error);
  if (error instanceof PermanentError || error instanceof NotFoundError) return new StepFailure('permanent', error);
  if (error instanceof ReauthRequiredError || error instanceof UnauthorizedError || error instanceof ValidationError) {
    return new StepFailure('fatal', error);
  }
  return new StepFailure('transient', error);
}

/** Errors from the object store (already retried by its client). */
export function storeFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof TransientError) return new StepFailure('transient', error);
  if (error instanceof NotFoundError) return new StepFailure('upload-gone', error);
  return new StepFailure('fatal', error);
}

/** Errors from the tracking row: a failed holder condition means the claim is lost. */
export function recordFailure(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  if (error instanceof ConflictError) return new StepFailure('lost-claim', error);
  return new StepFailure('fatal', error);
}
