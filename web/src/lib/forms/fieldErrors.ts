import { m } from '../../paraglide/messages.js';
import { ApiError } from '../api/ApiError';

export interface FormErrors {
  /** Keyed by the API's field name, e.g. `intervalMinutes`, `config.folderIds`. */
  fields: Record<string, string>;
  /** A message that belongs to no single field. */
  form: string;
}

export const noErrors = (): FormErrors => ({ fields: {}, form: '' });

/**
 * Puts an API error next to the field it names. The API may name a nested
 * path (`config.folderIds.0`), so the longest known field that prefixes it
 * wins; a field this form does not show turns into a form-level message.
 */
export function formErrorsFrom(error: unknown, knownFields: readonly string[]): FormErrors {
  if (!(error instanceof ApiError)) {
    // A bug in the app, not an answer from the API: keep it visible to developers.
    console.error(error);
    return { fields: {}, form: m.error_something_wrong() };
  }
  const field = error.field ? matchField(error.field, knownFields) : undefined;
  if (field) return { fields: { [field]: error.message }, form: '' };
  return { fields: {}, form: error.message };
}

export function matchField(apiField: string, knownFields: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const known of knownFields) {
    const matches = apiField === known || apiField.startsWith(`${known}.`) || apiField.startsWith(`${known}[`);
    if (matches && (!best || known.length > best.length)) best = known;
  }
  return best;
}
