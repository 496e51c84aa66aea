import { currentLocale } from '../i18n/locale';

/** US dollars as AWS bills them, in the app's language: "$4.05" ("4,05 US$"). */
export function formatUsd(dollars: number): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(dollars);
}
