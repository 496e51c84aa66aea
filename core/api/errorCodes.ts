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
  };
}
