import type { TimeZone } from '../time/timeZone';

/** Characters no file system or browser download takes in a name. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

function safePart(raw: string, max: number): string {
  const cleaned = raw.normalize('NFC').replace(UNSAFE, '-').replace(/\s+/g, '-').replace(/-{2,}/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return Array.from(cleaned).slice(0, max).join('') || 'x';
}

/** `2025-07-18_09-30-05`: the wall-clock time in `zone`, sortable and safe in a file name. */
export function localTimeStamp(iso: string, zone: TimeZone): string {
  const ms = Date.parse(iso);
  const wall = new Date(ms + zone.offsetMsAt(ms)).toISOString();
  return `${wall.slice(0, 10)}_${wall.slice(11, 19).replace(/:/g, '-')}`;
}

/**
 * `<code>_<camera>_<local time>.mp4`: what a downloaded clip is called, so a shop
 * can attach it to a dispute as is. The camera keeps its own letters (Vietnamese
 * names stay readable); only characters a file system refuses are replaced.
 */
export function clipFileName(input: { code: string; cameraName: string; clipStart: string; zone: TimeZone }): string {
  return `${safePart(input.code, 64)}_${safePart(input.cameraName, 60)}_${localTimeStamp(input.clipStart, input.zone)}.mp4`;
}

/**
 * A Content-Disposition header for a download: an ASCII `filename` for old clients
 * and the exact name as RFC 5987 `filename*` (UTF-8, percent-encoded) for the rest.
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
