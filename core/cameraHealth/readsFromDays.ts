import type { CameraReadDay } from '../ports/cameraReadCounters';
import type { CameraHealthInput, HourlyReads } from './assessCameraHealth';

/**
 * A camera's per-day read counters as assessCameraHealth reads them: each UTC
 * day is one block starting at its midnight, so "the last 24 hours" is today
 * (so far) and the baseline is the days before it. Decode failures and files
 * processed are today's and yesterday's.
 */
export function readsFromDays(days: readonly CameraReadDay[], nowMs: number): Pick<CameraHealthInput, 'hourly' | 'processed24h' | 'decodeFailures24h'> {
  const today = new Date(nowMs).toISOString().slice(0, 10);
  const yesterday = new Date(nowMs - 86_400_000).toISOString().slice(0, 10);
  const hourly: HourlyReads[] = days.map((day) => ({ hourStart: `${day.day}T00:00:00.000Z`, codes: day.codes, recordedMinutes: day.footageSec / 60 }));
  const recent = days.filter((day) => day.day === today || day.day === yesterday);
  return {
    hourly,
    processed24h: recent.reduce((sum, day) => sum + day.files - day.failures, 0),
    decodeFailures24h: recent.reduce((sum, day) => sum + day.failures, 0),
  };
}
