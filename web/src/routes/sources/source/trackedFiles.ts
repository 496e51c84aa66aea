import type { FileFailureCode, FileReasonCode, TrackedFile, TrackedFileStatus } from '../../../lib/api/types';
import { plainDriveReasons } from '../../../lib/format/driveReasons';
import { readableMessage } from '../../../lib/format/readableMessage';
import { currentLocale } from '../../../lib/i18n/locale';
import { m } from '../../../paraglide/messages.js';
import { formatAbsolute, formatDay } from '../../../lib/format/time';

/**
 * The tracked-file list's logic: filters kept in the URL, the day of a file
 * in the tenant's (else the user's) time zone, storage per camera, and a failure explained in
 * words with what to do about it.
 */

export const FILE_STATUSES: ReadonlyArray<{ value: TrackedFileStatus; label: () => string }> = [
  { value: 'done', label: m.file_status_done },
  { value: 'transferring', label: m.file_status_transferring },
  { value: 'pending', label: m.file_status_pending },
  { value: 'failed', label: m.file_status_failed },
  { value: 'skipped', label: m.file_status_skipped },
  { value: 'removed', label: m.file_status_removed },
  { value: 'unprocessable', label: m.file_status_unprocessable },
];

export interface FileFilters {
  status: TrackedFileStatus | '';
  camera: string;
  day: string;
  /** '0'..'23' within `day`, or ''. */
  hour: string;
  /** Part of a file's name or path. */
  q: string;
}

export function readFilters(search: string): FileFilters {
  const params = new URLSearchParams(search);
  const status = params.get('status') ?? '';
  return {
    status: FILE_STATUSES.some((entry) => entry.value === status) ? (status as TrackedFileStatus) : '',
    camera: params.get('camera') ?? '',
    day: /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? (params.get('day') ?? '') : '',
    hour: /^(1?\d|2[0-3])$/.test(params.get('hour') ?? '') ? (params.get('hour') ?? '') : '',
    q: (params.get('q') ?? '').slice(0, 200),
  };
}

/** The query string for the filters, keeping any other parameters of the page. */
export function writeFilters(search: string, filters: FileFilters): string {
  const params = new URLSearchParams(search);
  for (const key of ['status', 'camera', 'day', 'hour', 'q'] as const) {
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

/** What the cause means, by the failure's code; what happens next comes from the file's retry plan (nextAttemptAt). */
const CAUSE_OF_CODE: Readonly<Record<FileFailureCode, () => string>> = {
  checksum_mismatch: m.cause_checksum,
  flagged_abusive: m.cause_abusive,
  drive_quota: m.cause_quota,
  not_found: m.cause_not_found,
  permission_denied: m.cause_permission,
  network: m.cause_network,
  unknown: m.cause_other,
};

/** What went wrong, by the failure's code, for a page whose language is not the stored English's. */
const FAILURE_WORDS: Readonly<Record<FileFailureCode, () => string>> = {
  checksum_mismatch: m.file_failure_checksum,
  flagged_abusive: m.file_failure_flagged,
  drive_quota: m.message_quota,
  not_found: m.message_not_found,
  permission_denied: m.message_permission,
  network: m.message_network,
  unknown: m.file_failure_other,
};

/** The same causes told by the stored English's words, for a file failed before codes. */
const CAUSES: ReadonlyArray<[RegExp, () => string]> = [
  [/checksum|md5|mismatch/i, m.cause_checksum],
  [/abusive|malware|virus/i, m.cause_abusive],
  [/quota|rate ?limit|too many/i, m.cause_quota],
  [/not ?found|404|deleted/i, m.cause_not_found],
  [/permission|forbidden|403|access/i, m.cause_permission],
  [/timeout|timed out|reset|network|socket|5\d\d|unavailable/i, m.cause_network],
];

/** The cause a failure stored before codes tells of, read from its (English) words, whatever language the page is in. */
function causeInWords(lastError: string | null): () => string {
  const english = plainDriveReasons(lastError ?? '');
  return CAUSES.find(([pattern]) => pattern.test(english))?.[1] ?? m.cause_other;
}

/** What VTrack will really do about a failed file: retry it at its planned time, or not by itself. */
function nextStep(file: { readonly nextAttemptAt?: string | null }): string {
  if (file.nextAttemptAt) return m.next_retry_at({ at: formatAbsolute(file.nextAttemptAt) });
  return m.next_no_retry();
}

/** Why a file was skipped, removed or not processed, in the page's language, from the reason's code. */
const REASON_WORDS: Readonly<Record<FileReasonCode, (detail: string | null) => string>> = {
  not_video: () => m.file_not_video(),
  google_document: () => m.file_reason_google_document(),
  temporary: () => m.file_reason_temporary(),
  empty: () => m.file_reason_empty(),
  camera_excluded: (detail) => m.file_reason_camera_excluded({ camera: detail ?? '' }),
  not_in_folders: () => m.file_not_in_folders(),
  deleted_in_drive: () => m.file_reason_deleted_in_drive(),
  trashed: () => m.file_reason_trashed(),
  moved_out: () => m.file_reason_moved_out(),
  folder_gone: () => m.file_reason_folder_gone(),
  folder_trashed: () => m.file_reason_folder_trashed(),
  folder_moved_out: () => m.file_reason_folder_moved_out(),
  source_deleted: () => m.file_reason_source_deleted(),
  retention: () => m.file_reason_retention(),
  kept_on_agent: () => m.file_kept_on_agent(),
  // The detail is the agent's (English) error: only an English page shows it, as stored.
  unreadable_on_agent: () => m.file_reason_unreadable_on_agent(),
};

/**
 * An English page shows the reason as stored (English already, and more exact:
 * a document's kind, a file's type); another page words its code, and says it
 * plainly when the reason has none (not one core/sync/fileReasons.ts wrote).
 */
function reasonWords(file: Pick<TrackedFile, 'reason'> & Partial<Pick<TrackedFile, 'reasonCode' | 'reasonDetail'>>): string | null {
  if (currentLocale() === 'en') return file.reason;
  return file.reasonCode ? REASON_WORDS[file.reasonCode](file.reasonDetail ?? null) : null;
}

/** What went wrong with a file, and what to do, in words. */
export function explainFile(
  file: Pick<TrackedFile, 'status' | 'lastError' | 'reason' | 'attempts'> &
    Partial<Pick<TrackedFile, 'lastErrorCode' | 'nextAttemptAt' | 'reasonCode' | 'reasonDetail' | 'processing'>>,
): { problem: string; advice: string; note?: true } | null {
  if (file.status === 'failed') {
    const code = file.lastErrorCode ?? null;
    // An English page shows the stored words (more exact: Drive's reason, the checksums).
    const detail = (code !== null && currentLocale() !== 'en' ? FAILURE_WORDS[code]() : readableMessage(file.lastError)) || m.file_unknown_error();
    const advice = `${(code === null ? causeInWords(file.lastError) : CAUSE_OF_CODE[code])()} ${nextStep(file)}`;
    const problem = file.attempts > 1 ? m.file_not_copied_tries({ tries: String(file.attempts), detail }) : m.file_not_copied({ detail });
    return { problem, advice };
  }
  // Not a problem at all: said plainly, not as one.
  if (file.status === 'skipped' && file.reasonCode === 'kept_on_agent') return { problem: m.file_kept_on_agent(), advice: m.file_kept_on_agent_advice(), note: true };
  if (file.status === 'skipped') {
    const advice = file.reasonCode === 'temporary' ? m.file_skipped_temporary_advice() : file.reasonCode === 'camera_excluded' ? m.file_skipped_camera_advice() : m.file_skipped_advice();
    return { problem: m.file_skipped({ reason: reasonWords(file) ?? m.file_reason_unknown_skip() }), advice };
  }
  if (file.status === 'removed') {
    return { problem: m.file_removed({ reason: reasonWords(file) ?? m.file_reason_unknown_removal() }), advice: m.file_removed_advice() };
  }
  if (file.status === 'expired') return { problem: m.file_expired(), advice: m.file_expired_advice() };
  if (file.status === 'done' && file.processing?.state === 'unprocessable') return { problem: m.file_unreadable(), advice: m.file_unreadable_advice() };
  if (file.status === 'unprocessable') {
    return { problem: m.file_unprocessable({ reason: reasonWords(file) ?? m.file_reason_unreadable_on_agent() }), advice: m.file_unprocessable_advice() };
  }
  if (file.status === 'pending' && file.lastError) return { problem: m.file_will_retry({ detail: readableMessage(file.lastError) }), advice: m.file_retry_advice() };
  return null;
}
