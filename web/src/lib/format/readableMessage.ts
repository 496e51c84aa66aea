import { plainDriveReasons } from './driveReasons';

/**
 * Status and run messages are stored by the backend for people, but some
 * still start with the error's class name ("ReauthRequiredError: Google
 * refused…"). Shown to a tenant, that prefix is noise: drop it and make the
 * rest a sentence. Google Drive's reason codes (cannotDownloadFile) become words.
 */
export function readableMessage(text: string | null | undefined): string {
  if (!text) return '';
  let message = plainDriveReasons(text.trim()).replace(/^(?:[A-Z][A-Za-z0-9]*(?:Error|Exception)|States\.[A-Za-z]+):\s*/, '');
  if (message === '') return '';
  message = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?…]$/.test(message) ? message : `${message}.`;
}
