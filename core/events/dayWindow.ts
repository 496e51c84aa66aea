import { ValidationError } from '../errors';
import type { TimeZone } from '../time/timeZone';
import { zonedTimeToUtc } from '../time/zonedTimeToUtc';

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `[from, to)` in ISO UTC of one calendar day (`2025-07-18`) in `zone`; a bad date is a ValidationError on `field`. */
export function dayWindow(day: string, zone: TimeZone, field = 'day'): { from: string; to: string } {
  const match = DAY.exec(day);
  const [year, month, date] = match === null ? [NaN, NaN, NaN] : [Number(match[1]), Number(match[2]), Number(match[3])];
  const check = new Date(Date.UTC(year, month - 1, date));
  if (match === null || check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== date) {
    throw new ValidationError(field, `${field}: must be a date written YYYY-MM-DD, such as 2025-07-18`);
  }
  const next = new Date(Date.UTC(year, month - 1, date + 1));
  const from = zonedTimeToUtc({ year, month, day: date, hour: 0, minute: 0, second: 0 }, zone);
  const to = zonedTimeToUtc({ year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 }, zone);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}
