import { describeFailure } from './describeFailure';

/**
 * Why a run failed (or ended short), as a stable code stored beside the run's
 * English `error` and the source's `statusMessage`. The English stays for logs
 * and English pages; a page in another language words the code instead of
 * guessing from the English (as core/sync/fileReasons.ts does for files).
 */
export const runErrorCodes = [
  /** Google refused the stored grant (revoked, expired): reconnect Google Drive. */
  'reauth_required',
  /** Google Drive's limits: rate limits, the daily allowance, a file's download quota. */
  'drive_quota',
  /** A chosen folder (or the file asked for) is gone from Drive or no longer visible to the account. */
  'folder_not_found',
  /** The connected account, or VTrack, may not open what the source points at. */
  'permission_denied',
  /** Google Drive (or the network to it) failed for now; a later sync tries again. */
  'network',
  /** The source was deleted while its run went on. */
  'source_deleted',
  /** The run stopped before it finished (timed out, stopped, its worker lost); the next sync continues. */
  'run_interrupted',
  /** The run ended with files still in flight; the next sync continues them. */
  'files_unfinished',
  /** Finding orders in the footage failed. */
  'processing_failed',
  /** Anything else; the English text says what. */
  'unknown',
] as const;

export type RunErrorCode = (typeof runErrorCodes)[number];

/**
 * What a source's `statusMessage` is about: a run's error, or a state the
 * backend explains (being deleted, its camera removed).
 */
export const sourceMessageCodes = [...runErrorCodes, 'being_deleted', 'camera_removed'] as const;

export type SourceMessageCode = (typeof sourceMessageCodes)[number];

/** The words each kind of trouble is told by, for messages stored before codes (and failures that carry only text). */
const BY_WORDS: ReadonlyArray<readonly [RunErrorCode, RegExp]> = [
  ['reauth_required', /reauth|reconnect|connect a Google account|invalid_grant|revoked/i],
  ['drive_quota', /quota|rate ?limit|RateLimit|dailyLimit/i],
  ['source_deleted', /source was deleted/i],
  ['folder_not_found', /notFound|not found/i],
  ['permission_denied', /permission|appNotAuthorized|cannotDownload|forbidden/i],
  ['run_interrupted', /ran out of time|was stopped before|stopped without recording|stopped unexpectedly/i],
  ['files_unfinished', /files are not finished yet/i],
  ['network', /ECONN|ETIMEDOUT|timed? ?out|network|unavailable|backendError|internalError|socket/i],
];

/** The code an English message stored for people reads as; `unknown` when its words say nothing known. */
export function runErrorCodeInText(text: string): RunErrorCode {
  return BY_WORDS.find(([, words]) => words.test(text))?.[0] ?? 'unknown';
}

/** Error names (the taxonomy's, Step Functions') that say the kind of trouble by themselves. */
const BY_NAME: Readonly<Record<string, RunErrorCode>> = {
  ReauthRequiredError: 'reauth_required',
  QuotaExceededError: 'drive_quota',
  'States.Timeout': 'run_interrupted',
  'States.HeartbeatTimeout': 'run_interrupted',
};

/**
 * The code of a step's failure as the sync machine's Catch hands it over
 * (`{Error, Cause}`): by the error's name where that is enough, else by the
 * words of its message; a TransientError whose retries ran out is a
 * dependency that stayed down.
 */
export function runErrorCodeOfFailure(failure: { Error: string; Cause?: string | undefined }): RunErrorCode {
  const named = BY_NAME[failure.Error];
  if (named !== undefined) return named;
  const byWords = runErrorCodeInText(describeFailure(failure));
  if (byWords === 'unknown' && failure.Error === 'TransientError') return 'network';
  return byWords;
}

/** The code a source's stored status message reads as (for messages stored before codes). */
export function sourceMessageCodeInText(text: string): SourceMessageCode {
  if (/^Being deleted/.test(text)) return 'being_deleted';
  if (/^Camera removed/.test(text)) return 'camera_removed';
  return runErrorCodeInText(text);
}

/** A run's error code as the API shows it: the stored one, else (a run recorded before codes) the one its words tell. */
export function runErrorCodeOf(run: { readonly error: string | null; readonly errorCode?: RunErrorCode | null }): RunErrorCode | null {
  if (run.error === null) return null;
  return run.errorCode ?? runErrorCodeInText(run.error);
}

/** A source's status message code as the API shows it: the stored one, else the one its words tell. */
export function sourceMessageCodeOf(source: { readonly statusMessage: string | null; readonly statusMessageCode?: SourceMessageCode | null }): SourceMessageCode | null {
  if (source.statusMessage === null) return null;
  return source.statusMessageCode ?? sourceMessageCodeInText(source.statusMessage);
}
