/**
 * What a person reads for an API error, in the app's language. The API words
 * its messages in English (specific: "intervalMinutes: must be at least 5
 * minutes"); an English page shows them as they are, a Vietnamese page never
 * does: it shows our own text for the error's code, and for a field we know,
 * a text about that field.
 */
import { m } from '../../paraglide/messages.js';
import { currentLocale } from '../i18n/locale';
import type { ApiErrorCode } from './ApiError';

/** One text per code the API (core/api/errorCodes.ts) or the client can fail with; a missing code fails the typecheck. */
export const ERROR_TEXT: Readonly<Record<ApiErrorCode, () => string>> = {
  validation_error: m.error_validation_error,
  unauthorized: m.error_unauthorized,
  forbidden: m.error_forbidden,
  not_found: m.error_not_found,
  gone: m.error_gone,
  conflict: m.error_conflict,
  needs_reauth: m.error_needs_reauth,
  rate_limited: m.error_rate_limited,
  not_configured: m.error_not_configured,
  unavailable: m.error_unavailable,
  internal: m.error_internal,
  network: m.error_network,
  bad_response: m.error_bad_response,
};

/** A field's last name part (`config.mapping.timeZone` → `timeZone`), lower-cased. */
function fieldName(field: string): string {
  return (field.split(/[.[]/).filter((part) => part !== '' && !/^\d+\]?$/.test(part)).pop() ?? '').toLowerCase();
}

function fieldText(code: ApiErrorCode, field: string): string | null {
  const name = fieldName(field);
  if (code === 'conflict') return name === 'email' ? m.error_field_email_taken() : null;
  if (code !== 'validation_error') return null;
  if (name === 'email') return m.error_field_email();
  if (name === 'password') return m.error_field_password();
  if (name === 'timezone') return m.error_field_time_zone();
  if (name === 'confirm') return m.error_field_confirm_name();
  if (name === 'intervalminutes') return m.error_field_interval();
  if (name === 'folderids') return m.error_field_folders();
  return m.error_field_invalid();
}

/**
 * The text for an error: `english` (the API's sentence, or the client's own
 * English one) on an English page; on any other, our words for the code.
 */
export function errorText(code: ApiErrorCode, field: string | undefined, english: string): string {
  if (currentLocale() === 'en') return english;
  return (field ? fieldText(code, field) : null) ?? ERROR_TEXT[code]();
}
