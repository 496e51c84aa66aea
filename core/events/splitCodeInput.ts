import { ValidationError } from '../errors';
import { normalizeTrackingCode } from './normalizeTrackingCode';

/** Most codes one search or export takes. */
export const MAX_CODES_PER_SEARCH = 1000;
/** Longer than any carrier's code; a longer token is a pasted sentence, not a code. */
export const MAX_CODE_LENGTH = 64;

/** Commas, semicolons, tabs, spaces and newlines (any kind) separate pasted codes. */
const SEPARATORS = /[\s,;\u00A0\u3000\uFF0C\uFF1B]+/u;
/**
 * In a list (a spreadsheet column) a cell is one code unless it holds commas,
 * semicolons or line breaks: a space inside a cell is part of the code as typed
 * (`GHN 123 456`), which normalising removes.
 */
const CELL_SEPARATORS = /[,;\r\n\t\uFF0C\uFF1B]+/u;

/**
 * Why a pasted token is not a code, for a client to word in its own language:
 * `no_letters_or_digits` (a rule line or total: "-----", "***"), `too_long`
 * (longer than `maxLength`, a pasted sentence).
 */
export const codeRejectionCodes = ['no_letters_or_digits', 'too_long'] as const;
export type CodeRejectionCode = (typeof codeRejectionCodes)[number];

/** A token that is not a code: as pasted (cut at 80 characters), why (`reason` in English), and the code of why. */
export type CodeRejection =
  | { readonly input: string; readonly code: 'no_letters_or_digits'; readonly reason: string }
  | { readonly input: string; readonly code: 'too_long'; readonly maxLength: number; readonly reason: string };

export interface SplitCodes {
  /** Normalised, each once, in the order first seen. */
  readonly codes: readonly string[];
  readonly rejected: readonly CodeRejection[];
}

/**
 * Codes as a shop pastes or uploads them: a list (a cell holding two codes split
 * on commas, semicolons or line breaks) or one pasted text (split on spaces too). Duplicates and empty tokens drop out;
 * tokens too long to be a code are rejected with why. More than
 * MAX_CODES_PER_SEARCH distinct codes is a ValidationError on `field`.
 */
export function splitCodeInput(input: string | readonly string[], field: string): SplitCodes {
  const tokens = typeof input === 'string' ? input.split(SEPARATORS) : input.flatMap((item) => item.split(CELL_SEPARATORS));
  const seen = new Set<string>();
  const codes: string[] = [];
  const rejected: CodeRejection[] = [];
  for (const token of tokens) {
    const code = normalizeTrackingCode(token);
    if (code === '') continue;
    if (!/[\p{L}\p{N}]/u.test(code)) {
      // A spreadsheet's rule lines and totals ("-----", "***"): nothing that could be a code.
      if (rejected.length < 100) rejected.push({ input: token.slice(0, 80), code: 'no_letters_or_digits', reason: 'has no letters or digits, so not a tracking code' });
      continue;
    }
    if (code.length > MAX_CODE_LENGTH) {
      if (rejected.length < 100) rejected.push({ input: token.slice(0, 80), code: 'too_long', maxLength: MAX_CODE_LENGTH, reason: `longer than ${MAX_CODE_LENGTH} characters, so not a tracking code` });
      continue;
    }
    if (seen.has(code)) continue;
    seen.add(code);
    codes.push(code);
    if (codes.length > MAX_CODES_PER_SEARCH) {
      throw new ValidationError(field, `${field}: at most ${MAX_CODES_PER_SEARCH.toLocaleString('en-US')} codes at once; split the list and search the rest separately`);
    }
  }
  return { codes, rejected };
}
