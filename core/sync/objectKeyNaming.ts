/**
 * S3 keys for footage: `<tenant>/<source>/<camera>/<yyyy-mm-dd>/<name>`. Every
 * segment is made safe here — no empty, `.` or `..` segments, no slashes or
 * control characters inside one, Unicode kept (NFC) — so a file name from a
 * provider can never climb out of its tenant's prefix.
 *
 * A segment is also kept short enough for every store: S3 takes 1,024 bytes per
 * key, but a store that keeps each object as a file (the local stand-in, most
 * file systems) takes 255 bytes per path segment, and adds its own suffix. A
 * segment over MAX_SEGMENT_BYTES keeps its beginning and its extension and gets
 * a stable hash of the whole segment in between, so two long names that start
 * alike still get different keys and the same name always gets the same key.
 * The original name stays in the tracked file.
 */
export const MAX_SEGMENT_BYTES = 150;
const HASH_TAG_CHARS = 10;
const utf8 = new TextEncoder();
const byteLength = (text: string): number => utf8.encode(text).length;

export function safeKeySegment(raw: string): string {
  const cleaned = raw
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '')
    .replace(/[/\\]/g, '_')
    .trim();
  if (cleaned === '' || cleaned === '.' || cleaned === '..') return '_';
  return shortened(cleaned);
}

export function footageObjectKey(parts: { tenantId: string; sourceId: string; cameraId: string; day: string | null; name: string }): string {
  return [parts.tenantId, parts.sourceId, parts.cameraId, parts.day ?? 'undated', parts.name].map(safeKeySegment).join('/');
}

/**
 * The key to try when the plain one belongs to another file (Drive allows two
 * files of one name in one folder): the provider id, shortened, before the extension.
 */
export function disambiguatedKey(key: string, providerFileId: string): string {
  const slash = key.lastIndexOf('/');
  const name = key.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const tag = `~${safeKeySegment(providerFileId).slice(0, 12)}`;
  const renamed = dot > 0 ? `${name.slice(0, dot)}${tag}${name.slice(dot)}` : `${name}${tag}`;
  return `${key.slice(0, slash + 1)}${renamed}`;
}

/** `<beginning>~<hash><.ext>` within MAX_SEGMENT_BYTES; short segments unchanged. */
function shortened(segment: string): string {
  if (byteLength(segment) <= MAX_SEGMENT_BYTES) return segment;
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(segment)?.[0] ?? '';
  const tag = `~${fnv1a64Hex(segment).slice(0, HASH_TAG_CHARS)}`;
  const stem = segment.slice(0, segment.length - extension.length);
  const room = MAX_SEGMENT_BYTES - byteLength(tag) - byteLength(extension);
  return `${truncateUtf8(stem, room).trimEnd()}${tag}${extension}`;
}

/** FNV-1a (64-bit) of the UTF-8 bytes, as 16 hex digits: stable across runs and hosts. */
function fnv1a64Hex(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of utf8.encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const char of text) {
    const size = byteLength(char);
    if (bytes + size > maxBytes) break;
    out += char;
    bytes += size;
  }
  return out;
}
