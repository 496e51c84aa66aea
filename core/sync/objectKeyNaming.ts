/**
 * S3 keys for footage: `<tenant>/<source>/<camera>/<yyyy-mm-dd>/<name>`. Every
 * segment is made safe here — no empty, `.` or `..` segments, no slashes or
 * control characters inside one, Unicode kept (NFC) — so a file name from a
 * provider can never climb out of its tenant's prefix.
 */
const MAX_NAME_BYTES = 512;
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
  return truncateUtf8(cleaned, MAX_NAME_BYTES);
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

function truncateUtf8(text: string, maxBytes: number): string {
  if (byteLength(text) <= maxBytes) return text;
  let out = '';
  for (const char of text) {
    if (byteLength(out + char) > maxBytes) break;
    out += char;
  }
  return out;
}
