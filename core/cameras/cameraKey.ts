/**
 * A camera's stable key from its detected name: lowercase letters, digits and
 * dashes, accents dropped ("Caméra 1" → "camera-1"). Names with nothing left
 * (all symbols) get a short hash so they never collapse into one camera.
 */
export function cameraKey(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);
  if (slug !== '') return slug;
  let hash = 0x811c9dc5;
  for (const char of name) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return `camera-${(hash >>> 0).toString(36)}`;
}
