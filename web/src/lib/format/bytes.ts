import { currentLocale } from '../i18n/locale';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];
// One formatter per language and precision: building one costs far more than using it.
const formats = new Map<string, Intl.NumberFormat>();

function number(value: number, digits: number): string {
  const locale = currentLocale();
  const key = `${locale}${digits}`;
  let format = formats.get(key);
  if (!format) formats.set(key, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return format.format(value);
}

/** Decimal units, as file managers and Drive show them: "1.5 GB" ("1,5 GB" in Vietnamese). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${number(value, digits)} ${UNITS[unit]}`;
}
