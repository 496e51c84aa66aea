import { untrack } from 'svelte';
import { errorToShow, valueKey, type IssuedError } from './errorForValue';

/** Where a field's error comes from, read afresh each time (props of the field's component). */
export interface FieldErrorSource {
  /** The form's error for the field, about the value it was given for ('' for none). */
  error: () => string | undefined;
  /** What the field holds; a field that does not say has its error shown as given. */
  value: () => unknown;
  /** An error worked out from the value as it is now (a check as it is typed), shown as given. */
  live?: () => string | undefined;
  /** An element of the field, to find the form it is in. */
  anchor: () => Element | undefined;
}

/**
 * The error a field shows (and its aria-invalid and aria-describedby follow):
 * the form's error while the field holds the value it was given for, gone as
 * soon as the value is changed. An error counts as given afresh for the value
 * the field holds when its words change and each time its form is submitted,
 * so a value refused again (often in the same words) is shown refused again.
 * Call while a component is set up.
 */
export function shownError(source: FieldErrorSource): { readonly text: string } {
  let submits = $state(0);
  $effect(() => {
    const form = source.anchor()?.closest('form');
    if (!form) return;
    // Capture: counted before the form's own handler checks again, in the same turn.
    const count = (): void => {
      submits += 1;
    };
    form.addEventListener('submit', count, { capture: true });
    return () => form.removeEventListener('submit', count, { capture: true });
  });
  // The words alone (a string compares equal), so a form that writes the same error again unasked does not count.
  const text = $derived(source.error() ?? '');
  const issued = $derived.by((): IssuedError => {
    void submits;
    return { text, forValue: untrack(() => valueKey(source.value())) };
  });
  const shown = $derived(errorToShow(issued, source.value(), source.live?.() ?? ''));
  return {
    get text() {
      return shown;
    },
  };
}
