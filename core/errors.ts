/**
 * The one error taxonomy. Handlers throw these; the HTTP error middleware maps
 * them to status codes, and anything else becomes a plain 500 that leaks nothing.
 * Retry decisions (Step Functions Retry, pacers) key on `name`.
 */
export interface ErrorContext {
  readonly [key: string]: string | number | boolean | null | undefined;
}

abstract class VTrackError extends Error {
  readonly context: ErrorContext;

  constructor(message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.context = options.context ?? {};
  }
}

/** Input was wrong; `field` names the part at fault (dotted path, e.g. `config.folderIds`). */
export class ValidationError extends VTrackError {
  override readonly name = 'ValidationError';
  readonly field: string;

  constructor(field: string, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.field = field;
  }
}

export class UnauthorizedError extends VTrackError {
  override readonly name = 'UnauthorizedError';
}

/** Signed in, but the member's role does not allow this: 403, and nothing was changed. */
export class ForbiddenError extends VTrackError {
  override readonly name = 'ForbiddenError';
}

export class NotFoundError extends VTrackError {
  override readonly name = 'NotFoundError';
}

/** It existed but is no longer available (an expired or revoked share link): 410. */
export class GoneError extends VTrackError {
  override readonly name = 'GoneError';
}

/** The write lost a race or the resource is in a state that forbids it. */
export class ConflictError extends VTrackError {
  override readonly name = 'ConflictError';
}

/** Worth retrying: rate limits, timeouts, 5xx from a dependency. */
export class TransientError extends VTrackError {
  override readonly name: string = 'TransientError';
}

/** Retrying cannot help: the run records it and moves on. */
export class PermanentError extends VTrackError {
  override readonly name: string = 'PermanentError';
}

/**
 * The provider will serve the file, but not now: a download quota (Google
 * Drive's lifts after about a day). Not retried in the moment; the file is
 * failed and a later sync takes it up again after `retryAfterMs`.
 */
export class QuotaExceededError extends VTrackError {
  override readonly name = 'QuotaExceededError';
  readonly retryAfterMs: number;

  constructor(message: string, retryAfterMs: number, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The provider refused the stored grant (revoked, expired): the tenant must reconnect. */
export class ReauthRequiredError extends VTrackError {
  override readonly name = 'ReauthRequiredError';
}

/** A feature needs operator configuration that is missing (e.g. Google's OAuth client id). */
export class NotConfiguredError extends VTrackError {
  override readonly name = 'NotConfiguredError';
}

/** Too many attempts from one caller; `retryAfterSeconds` says when to try again. */
export class TooManyRequestsError extends VTrackError {
  override readonly name = 'TooManyRequestsError';
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
