import type { DriveFailureCode } from '../api/errorCodes';

/**
 * How a Drive failure is answered: `temporary` lifts with time (503 in the
 * API), `access` means the connected account cannot see it (404), `refused`
 * will not change by trying again (409).
 */
export type DriveFailureKind = 'temporary' | 'access' | 'refused';

export interface DriveFailure {
  readonly code: DriveFailureCode;
  readonly kind: DriveFailureKind;
  /** Plain English with the real cause; keeps the terms (quota, rate limit, permission, not found) people search for. */
  readonly message: string;
}

const SLOW_DOWN: DriveFailure = { code: 'drive_rate_limited', kind: 'temporary', message: 'Google asked VTrack to slow down (rate limit)' };
const UNAVAILABLE: DriveFailure = { code: 'drive_unavailable', kind: 'temporary', message: 'Google Drive was unavailable for a moment' };

/** Drive's error reasons (`error.errors[0].reason`), as VTrack reports them. */
const BY_REASON: Readonly<Record<string, DriveFailure>> = {
  cannotDownloadFile: { code: 'drive_download_turned_off', kind: 'refused', message: 'the owner turned off downloading for this file' },
  fileNotDownloadable: { code: 'drive_not_downloadable', kind: 'refused', message: 'Google Drive cannot hand out this file as it is (a Google Docs file, not a video)' },
  cannotDownloadAbusiveFile: { code: 'drive_flagged_abusive', kind: 'refused', message: 'Google flagged this file as malware or spam and will not hand it out' },
  downloadQuotaExceeded: {
    code: 'drive_download_quota',
    kind: 'temporary',
    message: "the file's download quota is used up (it was downloaded too often lately); Google allows it again after about a day",
  },
  storageQuotaExceeded: { code: 'drive_storage_full', kind: 'refused', message: "the Drive owner's storage is full" },
  rateLimitExceeded: SLOW_DOWN,
  userRateLimitExceeded: SLOW_DOWN,
  sharingRateLimitExceeded: SLOW_DOWN,
  dailyLimitExceeded: { code: 'drive_daily_limit', kind: 'temporary', message: "VTrack used up today's allowance of Google Drive requests" },
  insufficientFilePermissions: { code: 'drive_no_permission', kind: 'access', message: 'the connected Google account has no permission to open this' },
  appNotAuthorizedToFile: { code: 'drive_app_not_authorized', kind: 'access', message: 'VTrack was not given access to this' },
  notFound: { code: 'drive_not_found', kind: 'access', message: 'not found: it is no longer in Google Drive, or the connected account cannot see it' },
  backendError: UNAVAILABLE,
  internalError: UNAVAILABLE,
  badGateway: UNAVAILABLE,
  serviceUnavailable: UNAVAILABLE,
};

/** A Drive reason as VTrack reports it; an unknown reason is a refusal named as Drive named it. */
export function driveFailureFor(reason: string): DriveFailure {
  return BY_REASON[reason] ?? { code: 'drive_refused', kind: 'refused', message: `Google Drive refused (${reason})` };
}

/** Drive's reason is one VTrack knows by name. */
export function isKnownDriveReason(reason: string): boolean {
  return Object.hasOwn(BY_REASON, reason);
}

/** For a 5xx or a dropped connection with no reason in the body. */
export const driveUnavailable: DriveFailure = UNAVAILABLE;

const KNOWN = new RegExp(`\\b(${Object.keys(BY_REASON).join('|')})\\b`);

/** The Drive failure a stored error text names (a file's lastError keeps Drive's reason), or null. */
export function driveFailureInText(text: string | null | undefined): DriveFailure | null {
  const reason = KNOWN.exec(text ?? '')?.[1];
  return reason === undefined ? null : driveFailureFor(reason);
}

/** The sentence an API error answer carries for it. */
export function driveFailureSentence(failure: DriveFailure): string {
  return failure.code === 'drive_refused' ? `${failure.message}.` : `Google Drive: ${failure.message}.`;
}
