import { m } from '../../paraglide/messages.js';
import { currentLocale } from '../i18n/locale';
import { plainDriveReasons } from './driveReasons';

/**
 * Status and run messages are stored by the backend for people, but some
 * still start with the error's class name ("ReauthRequiredError: Google
 * refused…"). Shown to a tenant, that prefix is noise: drop it and make the
 * rest a sentence. Google Drive's reason codes (cannotDownloadFile) become words.
 */
export function readableMessage(text: string | null | undefined): string {
  if (!text) return '';
  if (currentLocale() !== 'en') return inOtherWords(text);
  let message = plainDriveReasons(text.trim()).replace(/^(?:[A-Z][A-Za-z0-9]*(?:Error|Exception)|States\.[A-Za-z]+):\s*/, '');
  if (message === '') return '';
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}

/**
 * The backend stores these messages in English. A page in another language
 * never shows them as they are: it says what kind of trouble it is, from the
 * words and Drive reason codes the message carries.
 */
function inOtherWords(text: string): string {
  if (/reauth|reconnect|invalid_grant|revoked/i.test(text)) return m.message_reauth();
  if (/quota|rate ?limit|RateLimit|dailyLimit/i.test(text)) return m.message_quota();
  if (/notFound|not found/i.test(text)) return m.message_not_found();
  if (/permission|appNotAuthorized|cannotDownload|forbidden/i.test(text)) return m.message_permission();
  if (/ECONN|ETIMEDOUT|timed? ?out|network|unavailable|backendError|internalError|socket/i.test(text)) return m.message_network();
  return m.message_generic();
}
