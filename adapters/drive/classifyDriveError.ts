import { NotFoundError, PermanentError, QuotaExceededError, ReauthRequiredError, TransientError } from '../../core/errors';
import { driveFailureFor, isKnownDriveReason } from '../../core/google/driveFailures';
import { QUOTA_WAIT_MINUTES } from '../../core/sync/retryPolicy';
import type { RetryDecision } from '../retry/pacer';

/** Drive reasons that say "slow down": retried with backoff. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'sharingRateLimitExceeded']);
/** Drive reasons that no retry will fix: the file is recorded as failed with the reason. */
const PERMANENT_REASONS = new Set(['cannotDownloadAbusiveFile', 'storageQuotaExceeded', 'fileNotDownloadable', 'cannotDownloadFile']);
/** Drive reasons that lift with time (a file's download quota, after about a day): failed now, retried by a later sync. */
const QUOTA_REASONS = new Set(['downloadQuotaExceeded']);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

interface HttpishError {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

/** The `reason` of a Drive error body (`error.errors[0].reason`), or the OAuth `error` code. */
export function driveErrorReason(error: unknown): string | undefined {
  const e = error as HttpishError | undefined;
  // Streamed requests (alt=media) get the error body as text, not parsed JSON;
  // gaxios then also puts that text in the message.
  const data = parseJsonText(e?.response?.data) ?? parseJsonText(e?.message);
  if (typeof data !== 'object' || data === null) return undefined;
  const body = data as { error?: unknown };
  if (typeof body.error === 'string') return body.error;
  const reason = (body.error as { errors?: { reason?: unknown }[] } | undefined)?.errors?.[0]?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

function parseJsonText(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!value.trimStart().startsWith('{')) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfterMs(error: HttpishError): number | undefined {
  const headers = error.response?.headers;
  let value: unknown;
  if (headers instanceof Headers) value = headers.get('retry-after');
  else if (typeof headers === 'object' && headers !== null) value = (headers as Record<string, unknown>)['retry-after'];
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(String(value));
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/**
 * The one place that decides whether a Drive call is retried: 429, 403 rate
 * limits (googleapis does not retry those itself), 5xx and dropped connections.
 */
export function classifyDriveError(error: unknown): RetryDecision {
  const e = (error ?? {}) as HttpishError;
  const status = e.response?.status ?? e.status;
  const reason = driveErrorReason(error);
  if (status === 429 || (status === 403 && reason !== undefined && RATE_LIMIT_REASONS.has(reason))) {
    const wait = retryAfterMs(e);
    return wait === undefined ? { retry: true } : { retry: true, retryAfterMs: wait };
  }
  if (status !== undefined && status >= 500) return { retry: true };
  if (status === undefined && typeof e.code === 'string' && RETRYABLE_NETWORK_CODES.has(e.code)) return { retry: true };
  if (status === undefined && /socket hang up|premature close|aborted|terminated|other side closed/i.test(e.message ?? '')) return { retry: true };
  return { retry: false };
}

/**
 * Turns what the pacer gave up on, or would not retry, into the project's
 * taxonomy: a revoked grant needs the tenant; abuse flags and downloading
 * turned off fail the file for good; a download quota fails it until a later
 * sync, about a day on. Every error Drive answered with leaves here in the
 * taxonomy with Drive's reason as `context.driveReason` (the API words it,
 * core/google/driveFailures.ts); nothing Drive said becomes a bare 500.
 */
export function translateDriveError(error: unknown, context: Record<string, string>): unknown {
  if (error instanceof TransientError && error.cause !== undefined) {
    // The pacer gave up on a retryable answer: keep its reason for the words.
    const reason = driveErrorReason(error.cause) ?? (statusOf(error.cause) === undefined ? undefined : 'backendError');
    return reason === undefined ? error : new TransientError(error.message, { cause: error.cause, context: { ...error.context, ...context, driveReason: reason } });
  }
  const e = (error ?? {}) as HttpishError;
  const status = e.response?.status ?? e.status;
  const reason = driveErrorReason(error);
  // invalid_grant comes from the token endpoint when a refresh is refused; a 401
  // from the API after the client already refreshed means the same.
  if (reason === 'invalid_grant' || reason === 'unauthorized_client' || /invalid_grant/.test(e.message ?? '') || status === 401) {
    return new ReauthRequiredError('Google refused the stored access; reconnect Google Drive', { cause: error, context });
  }
  if (reason !== undefined && QUOTA_REASONS.has(reason)) {
    const wait = Math.max(QUOTA_WAIT_MINUTES * 60_000, retryAfterMs(e) ?? 0);
    return new QuotaExceededError(`Google Drive refused the download: ${reason}`, wait, { cause: error, context: { ...context, reason, driveReason: reason } });
  }
  if (reason !== undefined && PERMANENT_REASONS.has(reason)) {
    return new PermanentError(`Google Drive refused the download: ${reason}`, { cause: error, context: { ...context, reason, driveReason: reason } });
  }
  if (status === 404) {
    return new NotFoundError('not found in Google Drive (deleted, or no longer shared with this account)', { cause: error, context: { ...context, driveReason: reason ?? 'notFound' } });
  }
  const known = reason !== undefined && isKnownDriveReason(reason);
  // Another 4xx (a request VTrack built wrong) stays as it is: that is VTrack's fault, not Drive's.
  if (status === undefined || (!known && status < 500 && status !== 429 && status !== 403)) return error;
  // Any other answer from Drive: a 5xx or rate limit (retries used up elsewhere), a daily limit, a permission.
  const driveReason = reason ?? (status >= 500 || status === 429 ? 'backendError' : `http${status}`);
  const failure = driveFailureFor(driveReason);
  const message = `Google Drive refused: ${driveReason}`;
  const options = { cause: error, context: { ...context, driveReason } };
  if (failure.kind === 'temporary') return new TransientError(message, options);
  if (failure.kind === 'access') return new NotFoundError(message, options);
  return new PermanentError(message, options);
}

function statusOf(error: unknown): number | undefined {
  const e = (error ?? {}) as HttpishError;
  return e.response?.status ?? e.status;
}
