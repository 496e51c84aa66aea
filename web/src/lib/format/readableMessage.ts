import { m } from '../../paraglide/messages.js';
import type { SourceMessageCode } from '../api/types';
import { currentLocale } from '../i18n/locale';
import { plainDriveReasons } from './driveReasons';

/** What each kind of stored message says, in the page's language (core/sync/runErrorCodes.ts). */
const MESSAGE_WORDS: Readonly<Record<SourceMessageCode, () => string>> = {
  reauth_required: m.message_reauth,
  drive_quota: m.message_quota,
  folder_not_found: m.message_not_found,
  permission_denied: m.message_permission,
  network: m.message_network,
  source_deleted: m.message_source_deleted,
  run_interrupted: m.message_run_interrupted,
  files_unfinished: m.message_files_unfinished,
  processing_failed: m.message_processing_failed,
  unknown: m.message_generic,
  being_deleted: m.message_being_deleted,
  camera_removed: m.message_camera_removed,
};

/**
 * Status and run messages are stored by the backend for people, in English,
 * with a code saying what kind of trouble they tell of. An English page shows
 * the English (more exact: a Drive reason, a count), dropping an error class
 * name in front ("ReauthRequiredError: Google refused…") and making it a
 * sentence; Google Drive's reason codes (cannotDownloadFile) become words.
 * Any other page words the code, and never shows the stored English.
 */
export function readableMessage(text: string | null | undefined, code?: SourceMessageCode | null): string {
  if (!text) return '';
  if (currentLocale() !== 'en') return code ? MESSAGE_WORDS[code]() : inOtherWords(text);
  let message = plainDriveReasons(text.trim()).replace(/^(?:[A-Z][A-Za-z0-9]*(?:Error|Exception)|States\.[A-Za-z]+):\s*/, '');
  if (message === '') return '';
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}

/**
 * A message with no code (a file's last error; an answer from an older API):
 * says what kind of trouble it is from the words and Drive reason codes it carries.
 */
function inOtherWords(text: string): string {
  if (/reauth|reconnect|invalid_grant|revoked/i.test(text)) return m.message_reauth();
  if (/quota|rate ?limit|RateLimit|dailyLimit/i.test(text)) return m.message_quota();
  if (/notFound|not found/i.test(text)) return m.message_not_found();
  if (/permission|appNotAuthorized|cannotDownload|forbidden/i.test(text)) return m.message_permission();
  if (/ECONN|ETIMEDOUT|timed? ?out|network|unavailable|backendError|internalError|socket/i.test(text)) return m.message_network();
  return m.message_generic();
}
