import type { WallClockTime } from '../../time/zonedTimeToUtc';
import { defaultFileNamePatterns } from './defaultFileNamePatterns';

export interface ParsedRecordingName {
  readonly camera: string | undefined;
  readonly wall: WallClockTime;
}

/**
 * Reads the camera and the local start time from a recording's file name (no
 * directory). Returns null when no pattern fits or the date is impossible
 * (month 13, 25 o'clock), so the caller can fall back to container metadata.
 */
export function parseRecordingFileName(
  fileName: string,
  patterns: readonly string[] = defaultFileNamePatterns,
): ParsedRecordingName | null {
  for (const source of patterns) {
    const groups = new RegExp(source, 'u').exec(fileName)?.groups;
    if (!groups) continue;
    const wall = {
      year: Number(groups.Y),
      month: Number(groups.m),
      day: Number(groups.d),
      hour: Number(groups.H),
      minute: Number(groups.M),
      second: Number(groups.S),
    };
    if (!isPlausible(wall)) continue;
    return { camera: groups.camera?.trim() || undefined, wall };
  }
  return null;
}

function isPlausible(w: WallClockTime): boolean {
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
  return (
    w.year >= 1990 &&
    w.year <= 2200 &&
    date.getUTCMonth() === w.month - 1 &&
    date.getUTCDate() === w.day &&
    w.hour < 24 &&
    w.minute < 60 &&
    w.second < 60
  );
}
