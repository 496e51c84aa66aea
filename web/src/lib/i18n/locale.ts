/**
 * Which language the app speaks: the person's stored choice (Settings), else
 * the first of the browser's languages VTrack has ("vi-VN" → Vietnamese),
 * else English. The one place that decides it: Paraglide's message functions
 * and every formatter (lib/format) ask `currentLocale()`, `<html lang>` follows
 * it, and App rebuilds the page when it changes.
 *
 * A plain module with a Svelte store contract (`$locale` in a component)
 * rather than runes, so the formatters that read it stay testable in node.
 */
import { writable } from 'svelte/store';
import { baseLocale, isLocale, locales, overwriteGetLocale, type Locale } from '../../paraglide/runtime.js';

export type { Locale };
export { locales };

/** What the person picked in Settings; `auto` follows the browser. */
export type LocaleChoice = Locale | 'auto';

/** localStorage key of the choice (absent: automatic). */
export const LOCALE_STORAGE_KEY = 'vtrack.locale';

/** The first of the browser's languages VTrack speaks, by its primary subtag; else English. */
export function browserLocale(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (isLocale(primary)) return primary;
  }
  return baseLocale;
}

function navigatorLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  return navigator.languages?.length ? navigator.languages : [navigator.language].filter(Boolean);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage turned off (some private modes): the choice lasts for the tab
  }
}

function storedChoice(): LocaleChoice {
  const value = storage()?.getItem(LOCALE_STORAGE_KEY) ?? null;
  return value !== null && isLocale(value) ? value : 'auto';
}

let choice: LocaleChoice = storedChoice();
let current: Locale = choice === 'auto' ? browserLocale(navigatorLanguages()) : choice;
const store = writable<Locale>(current);

overwriteGetLocale(() => current);

function applyToDocument(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = current;
}
applyToDocument();

/** The language every string and number is shown in now. */
export function currentLocale(): Locale {
  return current;
}

export function localeChoice(): LocaleChoice {
  return choice;
}

/** Stores the choice on this device and switches the app over at once (no reload). */
export function chooseLocale(next: LocaleChoice): void {
  choice = next;
  const kept = storage();
  if (next === 'auto') kept?.removeItem(LOCALE_STORAGE_KEY);
  else kept?.setItem(LOCALE_STORAGE_KEY, next);
  current = next === 'auto' ? browserLocale(navigatorLanguages()) : next;
  applyToDocument();
  store.set(current);
}

/** `$locale` in a component: re-renders when the language changes. */
export const locale = { subscribe: store.subscribe };
