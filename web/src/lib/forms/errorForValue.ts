/**
 * Whether a field's error still speaks of what the field holds. A form's
 * error is about the value it was given for (the value refused by a save): once
 * the person changes the value it no longer applies, and showing it beside the
 * corrected value reads as "still wrong".
 */

/** An error as the form gave it, with the value the field held then. */
export interface IssuedError {
  readonly text: string;
  /** `valueKey` of the field's value when the error was given. */
  readonly forValue: string;
}

/** A value compared by what it holds: text, a number, the ticked boxes of a group. */
export function valueKey(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/**
 * The error to show next to a field now: an error worked out from the value as
 * it is (`live`) as given; otherwise the form's error while the field still
 * holds the value it was given for, and nothing once the value is changed.
 */
export function errorToShow(issued: IssuedError, value: unknown, live = ''): string {
  if (live !== '') return live;
  return issued.text !== '' && valueKey(value) === issued.forValue ? issued.text : '';
}
