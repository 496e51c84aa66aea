/**
 * Remembers which column held the codes, per header layout: the next export
 * from the same marketplace (same headers) opens with that column chosen.
 */
const PREFIX = 'vtrack.codeColumn.';

export function layoutKey(headers: readonly string[]): string {
  return PREFIX + headers.map((header) => header.trim().toLowerCase()).join('\u241f');
}

export function rememberedColumn(headers: readonly string[], storage: Pick<Storage, 'getItem'> = localStorage): number | null {
  try {
    const value = storage.getItem(layoutKey(headers));
    const index = value === null ? NaN : Number(value);
    return Number.isInteger(index) && index >= 0 && index < headers.length ? index : null;
  } catch {
    return null;
  }
}

export function rememberColumn(headers: readonly string[], index: number, storage: Pick<Storage, 'setItem'> = localStorage): void {
  try {
    storage.setItem(layoutKey(headers), String(index));
  } catch {
    // Private browsing or a full storage: the choice is simply not remembered.
  }
}
