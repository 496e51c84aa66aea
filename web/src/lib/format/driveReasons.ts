/**
 * Google Drive's error reasons (the `reason` of its error body, which the
 * backend keeps in a file's last error) in plain words, with the real cause;
 * the words keep the terms (quota, rate limit, permission, not found) the
 * failure advice recognises.
 */
const DRIVE_REASONS: Readonly<Record<string, string>> = {
  cannotDownloadFile: 'the owner turned off downloading for this file',
  fileNotDownloadable: 'Google Drive cannot hand out this file as it is (a Google Docs file, not a video)',
  cannotDownloadAbusiveFile: 'Google flagged this file as malware or spam and will not hand it out',
  downloadQuotaExceeded: "the file's download quota is used up (it was downloaded too often lately); Google allows it again after about a day",
  storageQuotaExceeded: "the Drive owner's storage is full",
  rateLimitExceeded: 'Google asked VTrack to slow down (rate limit)',
  userRateLimitExceeded: 'Google asked VTrack to slow down (rate limit)',
  sharingRateLimitExceeded: 'Google asked VTrack to slow down (rate limit)',
  dailyLimitExceeded: "VTrack used up today's allowance of Google Drive requests",
  insufficientFilePermissions: 'the connected Google account has no permission to open this file',
  appNotAuthorizedToFile: 'VTrack was not given access to this file',
  notFound: 'the file was not found: it is no longer in Google Drive, or the connected account cannot see it',
  backendError: 'Google Drive was unavailable for a moment',
  internalError: 'Google Drive was unavailable for a moment',
};

const CODE = new RegExp(`\\b(${Object.keys(DRIVE_REASONS).join('|')})\\b`, 'g');

/** Replaces every Drive reason code in `text` with its plain words. */
export function plainDriveReasons(text: string): string {
  return text.replace(CODE, (code) => DRIVE_REASONS[code] ?? code);
}
