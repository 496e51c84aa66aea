import { ValidationError } from '../../../core/errors';
import { splitCodeInput, type SplitCodes } from '../../../core/events/splitCodeInput';

/** Generous beside 1,000 codes of 64 characters: room for a pasted column with junk around it. */
const MAX_TEXT_CHARS = 200_000;
const MAX_LIST_ITEMS = 5_000;

/**
 * The codes of a search or export body: `{ codes: [...] }` or `{ text: "..." }`.
 * Each wrong shape is refused naming its field; more than 1,000 distinct codes too.
 */
export function readCodes(body: unknown): SplitCodes {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', 'body: must be an object with codes (a list) or text (pasted codes)');
  }
  const record = body as Record<string, unknown>;
  const extra = Object.keys(record).find((key) => key !== 'codes' && key !== 'text');
  if (extra !== undefined) throw new ValidationError(extra, `${extra}: not a field of a search; send codes or text`);
  if ('codes' in record && 'text' in record) throw new ValidationError('codes', 'codes: send codes or text, not both');
  if ('codes' in record) {
    const codes = record['codes'];
    if (!Array.isArray(codes) || codes.some((code) => typeof code !== 'string')) throw new ValidationError('codes', 'codes: must be a list of tracking codes (text)');
    if (codes.length > MAX_LIST_ITEMS) throw new ValidationError('codes', 'codes: at most 1,000 codes at once; split the list and search the rest separately');
    return splitCodeInput(codes as string[], 'codes');
  }
  if ('text' in record) {
    const text = record['text'];
    if (typeof text !== 'string') throw new ValidationError('text', 'text: must be the pasted codes as text');
    if (text.length > MAX_TEXT_CHARS) throw new ValidationError('text', 'text: too long; paste at most 1,000 codes at once');
    return splitCodeInput(text, 'text');
  }
  throw new ValidationError('codes', 'codes: give the tracking codes to look for (codes: a list, or text: pasted codes)');
}
