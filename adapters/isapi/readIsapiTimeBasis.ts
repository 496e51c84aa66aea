import { isapiRequest, readText, type IsapiTarget } from './isapiRequest';

/**
 * How a Hikvision device means the times of its content search. Most
 * firmwares read and write `…Z` as UTC; some read a `Z` time as the device's
 * local time and answer local times with a `Z`. `shiftMs` is what to add to a
 * UTC time before sending it (and take off the times it answers): 0, or the
 * device's offset from UTC for those firmwares.
 */
export interface IsapiTimeBasis {
  readonly shiftMs: number;
  /** The device's zone, minutes east of UTC, when it said. */
  readonly utcOffsetMinutes: number | null;
  /** Why: for the log. */
  readonly note: string;
}

/** A device clock further than this from "UTC plus its zone" is not taken as the quirk (its clock is simply wrong). */
const TOLERANCE_MS = 10 * 60_000;

const text = (xml: string, name: string) => new RegExp(`<${name}\\b[^>]*>([^<]*)</${name}>`).exec(xml)?.[1]?.trim() ?? null;

/** Hikvision writes zones POSIX-style: `CST-7:00:00` is 7 hours east of UTC (the sign is reversed). */
export function posixZoneOffsetMinutes(zone: string): number | null {
  const m = /^[A-Za-z]{3,}([+-]?)(\d{1,2})(?::(\d{2}))?(?::\d{2})?/.exec(zone);
  if (m === null) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? minutes : 0 - minutes;
}

/**
 * Reads `GET /ISAPI/System/time` (localTime and timeZone) and compares the
 * device's clock with the agent's: a device in a zone east or west of UTC
 * whose localTime carries a `Z` and reads as "now plus its zone" is one of
 * the firmwares that take `Z` times as local. A device that does not answer
 * (a user without the right) is taken as UTC, as before.
 */
export async function readIsapiTimeBasis(target: IsapiTarget, nowMs: number): Promise<IsapiTimeBasis> {
  const response = await isapiRequest(target, 'GET', '/ISAPI/System/time');
  const xml = await readText(response);
  if (response.status !== 200) return { shiftMs: 0, utcOffsetMinutes: null, note: `System/time answered ${response.status}; times sent as UTC` };
  const localTime = text(xml, 'localTime') ?? '';
  const explicit = /([+-])(\d{2}):?(\d{2})$/.exec(localTime);
  const zone = text(xml, 'timeZone');
  const utcOffsetMinutes = explicit !== null ? (explicit[1] === '-' ? -1 : 1) * (Number(explicit[2]) * 60 + Number(explicit[3])) : zone === null ? null : posixZoneOffsetMinutes(zone);
  if (utcOffsetMinutes === null || utcOffsetMinutes === 0) return { shiftMs: 0, utcOffsetMinutes, note: 'the device keeps UTC' };
  if (explicit !== null) return { shiftMs: 0, utcOffsetMinutes, note: `localTime ${localTime} names its offset; times sent as UTC` };
  // `…Z` or no zone at all: is it UTC, or the local time with a wrong label?
  const labelled = Date.parse(/Z$/i.test(localTime) ? localTime : `${localTime}Z`);
  if (!Number.isFinite(labelled)) return { shiftMs: 0, utcOffsetMinutes, note: `localTime ${localTime} unreadable; times sent as UTC` };
  const offsetMs = utcOffsetMinutes * 60_000;
  const asLocal = Math.abs(labelled - (nowMs + offsetMs));
  if (asLocal < TOLERANCE_MS && asLocal < Math.abs(labelled - nowMs)) return { shiftMs: offsetMs, utcOffsetMinutes, note: `localTime ${localTime} is the local time labelled UTC; search times shifted by ${utcOffsetMinutes} min` };
  return { shiftMs: 0, utcOffsetMinutes, note: `localTime ${localTime} is UTC; times sent as UTC` };
}
