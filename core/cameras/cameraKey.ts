/** Keys are at most this long (S3 keys, mapping entries); a longer name is cut and given a hash of all of it. */
const MAX_KEY = 64;
/** Letters Unicode does not decompose into a base letter and a mark; "đ" is the one Vietnamese names use. */
const UNDECOMPOSED: Readonly<Record<string, string>> = { đ: 'd' };

/**
 * A camera's stable key from its detected name: lowercase letters, digits and
 * dashes, accents dropped ("Caméra 1" → "camera-1", "Bàn đóng gói" →
 * "ban-dong-goi"). A name longer than 64 characters as a key is cut and ends
 * with a hash of the whole key, so two long names stay two cameras. Names with
 * nothing left (all symbols) get a short hash so they never collapse into one camera.
 *
 * Keys of names that {@link legacyCameraKey} read with loss (an "đ", longer
 * than 64) differ from before: {@link cameraKeyIn} keeps the old key where a
 * source's mapping names it (docs/EDGE-AGENT.md, "Camera keys").
 */
export function cameraKey(name: string): string {
  const slug = slugOf(name, (lower) => lower.replace(/đ/g, UNDECOMPOSED['đ'] ?? 'd'));
  if (slug.length <= MAX_KEY) return slug !== '' ? slug : symbolsKey(name);
  const hash = fnv1a(slug).toString(36).padStart(7, '0');
  return `${slug.slice(0, MAX_KEY - hash.length - 1).replace(/-+$/, '')}-${hash}`;
}

/**
 * The key before "đ" was read and long names kept apart: "đ" dropped, cut at
 * 64 characters. Only to find what sources mapped before then stored.
 */
export function legacyCameraKey(name: string): string {
  const slug = slugOf(name, (lower) => lower).slice(0, MAX_KEY);
  return slug !== '' ? slug : symbolsKey(name);
}

/**
 * The key a source files a camera under: its old key when the source's
 * mapping renames or excludes that key (a camera mapped before the key
 * changed keeps its rename, its exclusion and its key), else {@link cameraKey}.
 */
export function cameraKeyIn(name: string, mapping: { readonly renames: Readonly<Record<string, string>>; readonly excluded: readonly string[] }): string {
  const key = cameraKey(name);
  const old = legacyCameraKey(name);
  if (old === key || key in mapping.renames || mapping.excluded.includes(key)) return key;
  return old in mapping.renames || mapping.excluded.includes(old) ? old : key;
}

function slugOf(name: string, letters: (lower: string) => string): string {
  return letters(name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase())
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function symbolsKey(name: string): string {
  return `camera-${fnv1a(name).toString(36)}`;
}

/** FNV-1a over the name's code points, as an unsigned 32-bit number. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
