import { tick } from 'svelte';
import type { FormErrors } from '../../../lib/forms/fieldErrors';
import { sourceFormErrors, type SourceDraft } from './draft';

/**
 * Sends the Add or Edit source form: `send` calls the API and `saved` moves on
 * with its answer; a refusal is shown next to the field it names (`show`) and
 * that field gets focus once it is on screen.
 */
export async function sendSourceDraft<T>(
  draft: Pick<SourceDraft, 'type' | 'intervalChoice'>,
  send: () => Promise<T>,
  saved: (answer: T) => void,
  show: (errors: FormErrors) => void,
): Promise<void> {
  try {
    saved(await send());
  } catch (error) {
    const shown = sourceFormErrors(error, draft);
    show(shown.errors);
    await tick();
    if (shown.focusId) document.getElementById(shown.focusId)?.focus();
  }
}
