import { ValidationError } from '../errors';

/** A camera clock's zone: knows its UTC offset at any instant. */
export interface TimeZone {
  readonly id: string;
  /** Offset from UTC in milliseconds at the given instant (positive east of Greenwich). */
  offsetMsAt(utcMs: number): number;
}

const FIXED_OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

/**
 * Accepts an IANA name (`Asia/Ho_Chi_Minh`, resolved by Intl so DST is right), a
 * fixed offset (`+07:00`, `-0530`) or `Z`/`UTC`. Anything else is a ValidationError
 * on `field`, so a typo in a CLI flag or config names itself.
 */
export function parseTimeZone(zone: string, field = 'timeZone'): TimeZone {
  const trimmed = zone.trim();
  if (/^(z|utc|gmt)$/i.test(trimmed)) return { id: 'UTC', offsetMsAt: () => 0 };
  const fixed = FIXED_OFFSET.exec(trimmed);
  if (fixed) {
    const [, sign, hh, mm] = fixed as unknown as [string, string, string, string];
    const minutes = Number(hh) * 60 + Number(mm);
    if (Number(hh) > 14 || Number(mm) > 59) throw new ValidationError(field, `UTC offset out of range: ${zone}`);
    const offsetMs = (sign === '-' ? -1 : 1) * minutes * 60_000;
    return { id: trimmed, offsetMsAt: () => offsetMs };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: trimmed,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch (cause) {
    throw new ValidationError(field, `unknown time zone "${zone}": use an IANA name such as Asia/Ho_Chi_Minh or an offset such as +07:00`, { cause });
  }
  return {
    id: trimmed,
    offsetMsAt(utcMs) {
      const parts = Object.fromEntries(format.formatToParts(new Date(utcMs)).map((p) => [p.type, Number(p.value)]));
      const wall = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
      // Intl drops milliseconds; compare at whole-second precision.
      return wall - Math.floor(utcMs / 1000) * 1000;
    },
  };
}
