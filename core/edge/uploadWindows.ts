import type { TimeZone } from '../time/timeZone';
import type { UploadWindow } from './agentConfigSchema';

const MINUTE_MS = 60_000;
const DAY_MINUTES = 24 * 60;

const minutesOf = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * Whether uploads may run at `nowMs`, in the agent's zone. No windows means any
 * time. A window whose end is before its start runs past midnight and belongs
 * to the day it starts (Mon 21:00–06:00 covers Monday night into Tuesday).
 * An equal start and end is a whole day.
 */
export function insideUploadWindow(windows: readonly UploadWindow[], nowMs: number, zone: TimeZone): boolean {
  if (windows.length === 0) return true;
  const local = new Date(nowMs + zone.offsetMsAt(nowMs));
  const day = local.getUTCDay();
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  return windows.some((window) => {
    const start = minutesOf(window.start);
    const end = minutesOf(window.end);
    if (start === end) return window.days.includes(day);
    if (start < end) return window.days.includes(day) && minute >= start && minute < end;
    const yesterday = (day + 6) % 7;
    return (window.days.includes(day) && minute >= start) || (window.days.includes(yesterday) && minute < end);
  });
}

/** The next minute from `nowMs` at which uploads may run (within a week), or null when no window ever opens. */
export function nextUploadWindowMs(windows: readonly UploadWindow[], nowMs: number, zone: TimeZone): number | null {
  const startOfMinute = Math.ceil(nowMs / MINUTE_MS) * MINUTE_MS;
  for (let minute = 0; minute <= 7 * DAY_MINUTES; minute++) {
    const at = startOfMinute + minute * MINUTE_MS;
    if (insideUploadWindow(windows, at, zone)) return minute === 0 && insideUploadWindow(windows, nowMs, zone) ? nowMs : at;
  }
  return null;
}
