import type { TimeZone } from './timeZone';

export interface WallClockTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/**
 * Converts a camera's wall-clock reading to epoch ms UTC. Two passes, because the
 * offset must be taken at the resulting instant, not at the wall-clock value read
 * as UTC (they differ across a DST change). In a DST gap or fold the earlier
 * offset wins, which is what most NVRs write.
 */
export function zonedTimeToUtc(wall: WallClockTime, zone: TimeZone): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const first = asUtc - zone.offsetMsAt(asUtc);
  const second = asUtc - zone.offsetMsAt(first);
  return second === first ? first : Math.min(first, second);
}
