/**
 * The API words messages for developers too ("intervalMinutes: must be at
 * least 5 minutes", "wrong email or password"). Shown next to the field, the
 * field's code name adds nothing, so it is dropped, and the rest reads as a
 * sentence: "Must be at least 5 minutes."
 */
export function toSentence(message: string, field?: string): string {
  let text = message.trim();
  if (field && text.startsWith(`${field}:`)) text = text.slice(field.length + 1).trim();
  if (text === '') return text;
  text = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
