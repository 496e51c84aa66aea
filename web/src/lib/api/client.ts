import { m } from '../../paraglide/messages.js';
import { ApiError } from './ApiError';
import { errorText } from './errorText';
import { toSentence } from './toSentence';
import type { ErrorBody, ErrorCode } from './types';

/**
 * The one fetch wrapper every API call goes through: adds the bearer token,
 * turns every failure into an ApiError with a sentence a person can read, and
 * reports an ended session (401) once, so pages never handle that themselves.
 */

export interface ClientHooks {
  getToken(): string | null;
  /**
   * A fresh token when the session can be renewed (Cognito's refresh token),
   * else null. Asked when there is no usable token, and once after a 401;
   * `rejected` is the token the API refused, so a renewal already made by a
   * concurrent call is reused rather than repeated.
   */
  renewToken?(rejected: string | null): Promise<string | null>;
  /** Called when an authenticated call answers 401: the session has ended. */
  onUnauthorized(): void;
}

let hooks: ClientHooks = { getToken: () => null, onUnauthorized: () => {} };

export function configureClient(next: ClientHooks): void {
  hooks = next;
}

export interface RequestOptions {
  body?: unknown;
  /** false for the sign-in/sign-up routes, where 401 means wrong credentials. */
  auth?: boolean;
  signal?: AbortSignal;
  /** A GET's cached answer: sent as If-None-Match, and handed back when the server says 304. */
  cached?: Cached<unknown> | null;
  /** Receives the answer's ETag (null when it has none). */
  onEtag?: (etag: string | null) => void;
}

/** An answer kept with its ETag, to ask the server whether it changed. */
export interface Cached<T> {
  readonly etag: string;
  readonly value: T;
}

const TIMEOUT_MS = 20_000;
/** The API's error codes (core/api/errorCodes.ts); a code missing here fails the typecheck. */
const KNOWN_CODES: Readonly<Record<ErrorCode, true>> = {
  validation_error: true,
  unauthorized: true,
  forbidden: true,
  not_found: true,
  conflict: true,
  gone: true,
  needs_reauth: true,
  rate_limited: true,
  not_configured: true,
  unavailable: true,
  internal: true,
};
const ERROR_CODES: readonly string[] = Object.keys(KNOWN_CODES);
/** 503s the API words on purpose ("try again", "not set up"): safe to show. */
const SPOKEN_503: readonly string[] = ['unavailable', 'not_configured'];

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const { body, auth = true } = options;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.cached) headers['if-none-match'] = options.cached.etag;
  let token = auth ? hooks.getToken() : null;
  if (auth && token === null && hooks.renewToken) token = await renew(null);

  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;

  const send = async (bearer: string | null): Promise<Response> => {
    try {
      return await fetch(`/api${path}`, {
        method,
        headers: bearer ? { ...headers, authorization: `Bearer ${bearer}` } : headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (cause) {
      // A caller's own abort is not a failure to report; let it through as is.
      if (options.signal?.aborted) throw cause;
      throw new ApiError(0, 'network', m.error_unreachable(), { cause });
    }
  };

  let response = await send(token);
  // A refused token may only be stale (e.g. a new user's first ID token has no
  // tenant yet): renew once and try again before ending the session.
  if (response.status === 401 && auth && hooks.renewToken) {
    const fresh = await renew(token);
    if (fresh !== null && fresh !== token) response = await send(fresh);
  }

  if (response.status === 204) return undefined as T;
  if (response.status === 304 && options.cached) {
    options.onEtag?.(options.cached.etag);
    return options.cached.value as T;
  }
  options.onEtag?.(response.headers.get('etag'));
  const payload = await readJson(response);

  if (response.ok) {
    if (payload === undefined) throw new ApiError(response.status, 'bad_response', m.error_server_trouble());
    return payload as T;
  }
  if (response.status === 401 && auth) hooks.onUnauthorized();
  throw toApiError(response.status, payload);
}

/** A renewal that fails (network, refused refresh token) is an ended session, not an error to show. */
async function renew(rejected: string | null): Promise<string | null> {
  try {
    return (await hooks.renewToken?.(rejected)) ?? null;
  } catch {
    return null;
  }
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/**
 * The error a failed answer becomes. Its message is in the app's language:
 * on an English page the API's own sentence, on a Vietnamese one our text for
 * the code (errorText.ts), so no English from the API reaches that page.
 */
export function toApiError(status: number, payload: unknown): ApiError {
  const error = isErrorBody(payload) ? payload.error : undefined;
  // Below 500 the API's message is written for the user; above it, we do not
  // know who wrote the body (a proxy, a crash), so it is never shown.
  if (error && (status < 500 || (status === 503 && SPOKEN_503.includes(error.code)))) {
    const message = errorText(error.code, error.field, toSentence(error.message, error.field));
    return new ApiError(status, error.code, message, { field: error.field });
  }
  const code: ErrorCode = status === 401 ? 'unauthorized' : status === 404 ? 'not_found' : 'internal';
  const message = status === 401 ? m.error_session_ended() : m.error_server_trouble();
  return new ApiError(status, status >= 500 ? 'internal' : code, message);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string' &&
    ERROR_CODES.includes((error as { code?: unknown }).code as string)
  );
}
