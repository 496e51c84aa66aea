import { currentLocale, type Locale } from '../i18n/locale';

// One formatter per language: Number#toLocaleString builds a new one per call,
// which adds up to tens of milliseconds on a list of hundreds of sources.
const counts = new Map<Locale, Intl.NumberFormat>();

/** "1,234" ("1.234" in Vietnamese). */
export function formatCount(value: number): string {
  const locale = currentLocale();
  let count = counts.get(locale);
  if (!count) counts.set(locale, (count = new Intl.NumberFormat(locale)));
  return count.format(value);
}

/** "1 file", "3 files" — English only; a page being converted uses a message with plural forms instead. */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}

const percents = new Map<Locale, Intl.NumberFormat>();

/** A fraction as a whole percentage: "25%" (the same in Vietnamese; "25 %" where a language spaces it). */
export function formatPercent(fraction: number): string {
  const locale = currentLocale();
  let percent = percents.get(locale);
  if (!percent) percents.set(locale, (percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })));
  return percent.format(fraction);
}
