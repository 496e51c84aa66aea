/**
 * The one form a tracking code is stored and searched in: surrounding spaces and
 * invisible characters gone, inner spaces gone (pasted codes are often split),
 * upper case. Carriers' codes are case-insensitive, so `ghn123` finds `GHN123`.
 * Returns '' for input with nothing left; callers treat that as "no code".
 */
export function normalizeTrackingCode(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s\u200B-\u200D\uFEFF]+/g, '')
    .toUpperCase();
}
