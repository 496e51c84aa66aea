/**
 * Times as a person reads them: relative ("in 4 minutes", "2 hours ago") next
 * to an absolute time in the tenant's time zone (or, when it has none, the
 * browser's own), with the zone named so a screenshot shared with a colleague
 * elsewhere is still unambiguous. The one module that formats times, in the
 * app's language (lib/i18n/locale.ts): "3 hours ago" / "3 giờ trước".
 */
import { currentLocale, type Locale } from '../i18n/locale';
import { m } from '../../paraglide/messages.js';

// Building an Intl formatter costs far more than using one: one per language (and zone).
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
function relative(): Intl.RelativeTimeFormat {
  const locale = currentLocale();
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  return format;
}

const ABSOLUTE: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
const DAY: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/** How one zone formats an instant (epoch ms): an absolute time with the zone named, and its calendar day. */
export interface ZoneFormat {
  /** What the zone is called next to a time: "GMT+7", or the browser's own name for it. */
  readonly zone: string | null;
  absolute(at: number): string;
  /** yyyy-mm-dd */
  day(at: number): string;
}

/** The browser's own zone, e.g. "Europe/Berlin". */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * A zone as the API stores it: null (the viewer's own), an IANA name, or a
 * fixed offset (`+07:00`, `-0330`). Offsets are applied here rather than
 * handed to Intl, which not every browser accepts them in; a name the browser
 * does not know falls back to the viewer's zone rather than breaking the page.
 */
export function zoneFormat(zone: string | null | undefined): ZoneFormat {
  const locale = currentLocale();
  const key = `${locale} ${zone ?? ''}`;
  let format = zoneFormats.get(key);
  if (!format) zoneFormats.set(key, (format = buildZoneFormat(zone, locale)));
  return format;
}

const zoneFormats = new Map<string, ZoneFormat>();

function buildZoneFormat(zone: string | null | undefined, locale: Locale): ZoneFormat {
  const trimmed = zone?.trim() ?? '';
  const offset = FIXED_OFFSET.exec(trimmed);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    const shift = minutes * 60_000;
    const label = minutes === 0 ? 'UTC' : `GMT${offset[1]}${Number(offset[2])}${offset[3] === '00' ? '' : `:${offset[3]}`}`;
    const absolute = new Intl.DateTimeFormat(locale, { ...ABSOLUTE, timeZone: 'UTC' });
    const day = new Intl.DateTimeFormat('en-CA', { ...DAY, timeZone: 'UTC' });
    return { zone: trimmed, absolute: (at) => `${absolute.format(at + shift)} ${label}`, day: (at) => day.format(at + shift) };
  }
  const timeZone = /^(z|utc|gmt)$/i.test(trimmed) ? 'UTC' : trimmed || undefined;
  try {
    const absolute = new Intl.DateTimeFormat(locale, { ...ABSOLUTE, timeZoneName: 'short', timeZone });
    const day = new Intl.DateTimeFormat('en-CA', { ...DAY, timeZone });
    return { zone: timeZone ?? null, absolute: (at) => absolute.format(at), day: (at) => day.format(at) };
  } catch {
    return buildZoneFormat(null, locale);
  }
}

/** The zone as set (the tenant's); the format is looked up per call, so it follows a change of language. */
let shownZone: string | null | undefined = null;
const shown = (): ZoneFormat => zoneFormat(shownZone);

/** The zone times are shown in, as the API takes it (`zone` of the files list). */
export function displayTimeZone(): string {
  return shown().zone ?? deviceTimeZone();
}

/** The zone every time is shown in from now on (the tenant's; null: the viewer's own). */
export function setDisplayTimeZone(zone: string | null | undefined): void {
  shownZone = zone;
}

const STEPS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "in 5 minutes", "3 hours ago"; within 10 s, "just now" (past) or "now" — in the app's language. */
export function formatRelative(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  let value = (then - now) / 1000;
  // Intl says "now" for both; a run that just finished reads better as "just now".
  if (Math.abs(value) < 10) return value < 0 ? m.time_just_now() : relative().format(0, 'second');
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return relative().format(Math.round(value), unit);
    value /= size;
  }
  return relative().format(Math.round(value), 'year');
}

/** "Nov 25, 9:05 AM GMT+1" in the zone times are shown in (or the one given). */
export function formatAbsolute(iso: string, format: ZoneFormat = shown()): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : format.absolute(then);
}

/** The calendar day (yyyy-mm-dd) of an instant in the zone times are shown in, or '' if unreadable. */
export function formatDay(iso: string, format: ZoneFormat = shown()): string {
  const then = Date.parse(iso);
  return Number.isNaN(then) ? '' : format.day(then);
}

const calendarDays = new Map<Locale, Intl.DateTimeFormat>();
/** A calendar day (yyyy-mm-dd) as people write it: "Jul 18, 2025" / "18 thg 7, 2025"; the text as given if it is not one. */
export function formatCalendarDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (match === null) return day;
  const locale = currentLocale();
  let format = calendarDays.get(locale);
  // A day has no zone: written at noon UTC and read in UTC, it is the same day everywhere.
  if (!format) calendarDays.set(locale, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })));
  return format.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

const calendarMonths = new Map<Locale, Intl.DateTimeFormat>();
/** A calendar month (yyyy-mm) as people write it: "December 2026" / "tháng 12 năm 2026"; the text as given if it is not one. */
export function formatCalendarMonth(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (match === null) return month;
  const locale = currentLocale();
  let format = calendarMonths.get(locale);
  if (!format) calendarMonths.set(locale, (format = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })));
  return format.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15));
}

const decimals = new Map<Locale, Intl.NumberFormat>();
function oneDecimal(value: number): string {
  const locale = currentLocale();
  let format = decimals.get(locale);
  if (!format) decimals.set(locale, (format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })));
  return format.format(value);
}

/** "1.2 s", "3 min 20 s", "1 h 5 min" ("1,2 giây", "3 phút 20 giây", "1 giờ 5 phút"). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return m.duration_ms({ ms: String(Math.max(0, Math.round(ms))) });
  const seconds = ms / 1000;
  if (seconds < 60) return m.duration_s({ s: seconds < 10 ? oneDecimal(seconds) : String(Math.round(seconds)) });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return m.duration_min_s({ min: String(minutes), s: String(Math.round(seconds % 60)) });
  return m.duration_h_min({ h: String(Math.floor(minutes / 60)), min: String(minutes % 60) });
}
