/**
 * Every `error.code` the HTTP API answers with, and the body it comes in.
 * The error middleware (functions/middleware/httpErrorHandler.ts) maps core's
 * error taxonomy onto these; the web app words each one for a person.
 */
export const errorCodes = [
  /** 400: a field is wrong; `field` names it (`config.folderIds`). */
  'validation_error',
  /** 401: no valid session, or wrong email or password. */
  'unauthorized',
  /** 403: signed in, but the member's role does not allow this; nothing was changed. */
  'forbidden',
  /** 404: no such thing for this tenant (another tenant's id reads the same). */
  'not_found',
  /** 410: it was there but is no more (a share link that expired or was turned off); the message says which. */
  'gone',
  /** 409: the state changed underneath (an email taken, an id already used). */
  'conflict',
  /** 409: the Google grant was revoked or expired; reconnect. */
  'needs_reauth',
  /** 429: too many attempts (local sign-in failures per email or address); `Retry-After` says when to try again. */
  'rate_limited',
  /** 503: the operator has not configured what this needs (Google OAuth, a master key). */
  'not_configured',
  /** 503: a dependency failed for now; try again. */
  'unavailable',
  /** 500: anything else; the message says nothing about why. */
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The body of every 4xx and 5xx answer. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    /** The request field at fault, dotted (`config.mapping.timeZone`); validation errors only. */
    readonly field?: string;
    /** Why Google Drive refused, when the failure came from Drive (see driveFailureCodes below). */
    readonly reason?: DriveFailureCode;
  };
}

/**
 * Why Google Drive refused, when a failure came from Drive: `error.reason` of
 * an error answer, and `failure.code` of a tracked file. Stable names for
 * Drive's own reasons (core/google/driveFailures.ts maps them and says each in
 * plain English); clients word them from the code.
 */
export const driveFailureCodes = [
  /** The file's owner turned off downloading (cannotDownloadFile). */
  'drive_download_turned_off',
  /** Not a file Drive hands out as bytes (a Google Docs file; fileNotDownloadable). */
  'drive_not_downloadable',
  /** Google flagged the file as malware or spam (cannotDownloadAbusiveFile). */
  'drive_flagged_abusive',
  /** The file was downloaded too often lately; allowed again after about a day (downloadQuotaExceeded). */
  'drive_download_quota',
  /** The Drive owner's storage is full (storageQuotaExceeded). */
  'drive_storage_full',
  /** Google asked VTrack to slow down (rate limits). */
  'drive_rate_limited',
  /** VTrack used up today's allowance of Drive requests (dailyLimitExceeded). */
  'drive_daily_limit',
  /** The connected account may not open it (insufficientFilePermissions). */
  'drive_no_permission',
  /** VTrack was not given access to it (appNotAuthorizedToFile). */
  'drive_app_not_authorized',
  /** Not in Drive any more, or not visible to the connected account (notFound, 404). */
  'drive_not_found',
  /** Google Drive failed for now (5xx, backendError); trying again later helps. */
  'drive_unavailable',
  /** Any other refusal; the message says what Drive said. */
  'drive_refused',
] as const;

export type DriveFailureCode = (typeof driveFailureCodes)[number];
