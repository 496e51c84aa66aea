import type { TrackedFile, TrackedFileStatus } from '../../../lib/api/types';
import { readableMessage } from '../../../lib/format/readableMessage';
import { formatAbsolute, formatDay } from '../../../lib/format/time';

/**
 * The tracked-file list's logic: filters kept in the URL, the day of a file
 * in the tenant's (else the user's) time zone, storage per camera, and a failure explained in
 * words with what to do about it.
 */

export const FILE_STATUSES: ReadonlyArray<{ value: TrackedFileStatus; label: string }> = [
  { value: 'done', label: 'Stored' },
  { value: 'transferring', label: 'Transferring' },
  { value: 'pending', label: 'Waiting' },
  { value: 'failed', label: 'Failed' },
  { value: 'skipped', label: 'Skipped' },
  { value: 'removed', label: 'Removed from Drive' },
];

export interface FileFilters {
  status: TrackedFileStatus | '';
  camera: string;
  day: string;
}

export function readFilters(search: string): FileFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  return {
    status: FILE_STATUSES.some((entry) => entry.value === status) ? (status as TrackedFileStatus) : '',
    camera: params.get('camera') ?? '',
    day: /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? (params.get('day') ?? '') : '',
  };
}

/** The query string for the filters, keeping any other parameters of the page. */
export function writeFilters(search: string, filters: FileFilters): string {
  const params = new URLSearchParams(search);
  for (const key of ['status', 'camera', 'day'] as const) {
    if (filters[key]) params.set(key, filters[key]);
    else params.delete(key);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The recording's calendar day (yyyy-mm-dd) in the zone times are shown in (or `format`'s), or '' if unknown. */
export function fileDay(file: Pick<TrackedFile, 'recordingStartAt'>, format?: Intl.DateTimeFormat): string {
  if (!file.recordingStartAt) return '';
  if (format === undefined) return formatDay(file.recordingStartAt);
  const at = Date.parse(file.recordingStartAt);
  return Number.isNaN(at) ? '' : format.format(at);
}

export function filterFiles(files: readonly TrackedFile[], filters: Pick<FileFilters, 'camera' | 'day'>): TrackedFile[] {
  return files.filter(
    (file) => (!filters.camera || (file.cameraId ?? '') === filters.camera) && (!filters.day || fileDay(file) === filters.day),
  );
}

/** What the cause means; what happens next comes from the file's retry plan (nextAttemptAt). */
const CAUSES: ReadonlyArray<[RegExp, string]> = [
  [/checksum|md5|mismatch/i, 'The copy did not match the file in Drive (it may have changed while copying).'],
  [/abusive|malware|virus/i, 'Google flagged this file and will not hand it out. Open it in Google Drive to check it; replace it if it is damaged.'],
  [/quota|rate ?limit|too many/i, 'Google limited how much VTrack may download for now.'],
  [/not ?found|404|deleted/i, 'The file is no longer in Drive, or VTrack may no longer see it. Check that it still exists in the chosen folders.'],
  [/permission|forbidden|403|access/i, 'VTrack is not allowed to read this file. Check that the connected Google account can open it.'],
  [/timeout|timed out|reset|network|socket|5\d\d|unavailable/i, 'The connection to Google broke off.'],
];

/** What VTrack will really do about a failed file: retry it at its planned time, or not by itself. */
function nextStep(file: { readonly nextAttemptAt?: string | null }): string {
  if (file.nextAttemptAt) return `VTrack tries it again by itself after ${formatAbsolute(file.nextAttemptAt)}.`;
  return 'VTrack will not try it again by itself: once it is fixed, use Retry failed files.';
}

/** What went wrong with a file, and what to do, in words. */
export function explainFile(
  file: Pick<TrackedFile, 'status' | 'lastError' | 'reason' | 'attempts'> & Partial<Pick<TrackedFile, 'nextAttemptAt'>>,
): { problem: string; advice: string } | null {
  if (file.status === 'failed') {
    const detail = readableMessage(file.lastError) || 'An unknown error.';
    const cause = CAUSES.find(([pattern]) => pattern.test(detail))?.[1] ?? 'If it keeps failing, check that the file opens in Google Drive.';
    const advice = `${cause} ${nextStep(file)}`;
    const tries = file.attempts > 1 ? ` after ${file.attempts} tries` : '';
    return { problem: `Could not be copied${tries}: ${detail}`, advice };
  }
  if (file.status === 'skipped') return { problem: `Skipped: ${file.reason ?? 'not a video file'}.`, advice: 'Nothing to do: only video files are taken.' };
  if (file.status === 'removed') return { problem: `Removed: ${file.reason ?? 'no longer in the chosen folders'}.`, advice: 'The footage already stored is kept.' };
  if (file.status === 'pending' && file.lastError) return { problem: `Will retry: ${readableMessage(file.lastError)}`, advice: 'Nothing to do: VTrack retries by itself.' };
  return null;
}
