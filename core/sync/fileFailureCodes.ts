import { QuotaExceededError, NotFoundError, TransientError } from '../errors';
import { driveFailureFor, driveFailureInText } from '../google/driveFailures';
import type { DriveFailureCode } from '../api/errorCodes';

/**
 * Why a file could not be copied, as a stable code stored beside its English
 * `lastError` where the transfer marks it failed (core/transfer/concludeAttempt.ts).
 * The English stays for logs and English pages; a page in another language
 * words the code (as runErrorCodes.ts does for runs and source statuses).
 * A file failed before codes has none: the web falls back to the words.
 */
export const fileFailureCodes = [
  /** The copy's MD5 did not match the provider's (the file may have changed while read). */
  'checksum_mismatch',
  /** Google flagged the file as malware or spam and will not hand it out. */
  'flagged_abusive',
  /** Google Drive's limits: rate limits, the daily allowance, the file's download quota. */
  'drive_quota',
  /** The file is gone from the provider, or the connected account no longer sees it. */
  'not_found',
  /** The connected account (or VTrack) may not read the file, or its owner turned off downloading. */
  'permission_denied',
  /** The provider or the network to it kept failing for now. */
  'network',
  /** Anything else; the English text says what. */
  'unknown',
] as const;

export type FileFailureCode = (typeof fileFailureCodes)[number];

/** Drive's own failure codes (core/google/driveFailures.ts), by what they mean for a file. */
const BY_DRIVE_CODE: Readonly<Record<DriveFailureCode, FileFailureCode>> = {
  drive_rate_limited: 'drive_quota',
  drive_download_quota: 'drive_quota',
  drive_daily_limit: 'drive_quota',
  drive_unavailable: 'network',
  drive_download_turned_off: 'permission_denied',
  drive_no_permission: 'permission_denied',
  drive_app_not_authorized: 'permission_denied',
  drive_not_found: 'not_found',
  drive_flagged_abusive: 'flagged_abusive',
  drive_not_downloadable: 'unknown',
  drive_storage_full: 'unknown',
  drive_refused: 'unknown',
};

/** The Drive reason an error carries: in its context (classifyDriveError), else named in its words. */
function driveCodeOf(error: unknown): DriveFailureCode | null {
  const context = typeof error === 'object' && error !== null && 'context' in error ? (error.context as Record<string, unknown>) : {};
  const reason = context['driveReason'];
  if (typeof reason === 'string') return driveFailureFor(reason).code;
  return driveFailureInText(error instanceof Error ? error.message : String(error))?.code ?? null;
}

/** The code of the error a transfer failed with: its Drive reason where it has one, else its kind. */
export function fileFailureCodeOf(error: unknown): FileFailureCode {
  const drive = driveCodeOf(error);
  if (drive !== null) return BY_DRIVE_CODE[drive];
  if (error instanceof QuotaExceededError) return 'drive_quota';
  if (error instanceof NotFoundError) return 'not_found';
  if (error instanceof TransientError) return 'network';
  return 'unknown';
}
