import type { CameraHeartbeat } from '../edge/cameraHeartbeatSchema';

/** Codes read and footage recorded by one camera in one hour (from processed segments). */
export interface HourlyReads {
  readonly hourStart: string;
  readonly codes: number;
  readonly recordedMinutes: number;
}

export interface CameraHealthInput {
  readonly nowMs: number;
  /** When the camera's agent was last heard from, and how often it reports. */
  readonly agentLastSeenAt: string | null;
  readonly heartbeatSeconds: number;
  /** The camera as the agent's last heartbeat described it (null: never reported). */
  readonly recorder: Omit<CameraHeartbeat, 'gaps'> | null;
  /** Recording gaps kept in the cloud (at least the last 24 h). */
  readonly gaps: readonly { readonly from: string; readonly to: string; readonly reason: string }[];
  /** Segments processed and segments that could not be decoded, last 24 h. */
  readonly processed24h: number;
  readonly decodeFailures24h: number;
  /** At least the last 8 days, any order. */
  readonly hourly: readonly HourlyReads[];
}

export type CameraHealthProblemKind = 'agent_offline' | 'offline' | 'stream_errors' | 'recording_gaps' | 'decode_failures' | 'read_rate_drop';

export interface CameraHealth {
  readonly status: 'ok' | 'warning' | 'offline' | 'paused';
  readonly problems: readonly { readonly kind: CameraHealthProblemKind; readonly message: string }[];
  /** Codes per recorded hour: last 24 h and the camera's own baseline (median day of the 7 before), when known. */
  readonly readRate: { readonly recent: number | null; readonly baseline: number | null };
}

/** Defaults chosen for a packing table: a shop notices within minutes, not after a complaint. */
export const cameraHealthThresholds = {
  /** No segment for this long while it should record: offline. */
  offlineAfterMs: 5 * 60_000,
  /** Gaps in the last hour at or above this count: the stream keeps dropping. */
  streamErrorsPerHour: 3,
  /** Missing footage in the last 24 h above this: a warning. */
  gapMsPer24h: 5 * 60_000,
  /** Share of segments that could not be decoded, with at least `decodeFailuresMin` of them. */
  decodeFailureShare: 0.1,
  decodeFailuresMin: 3,
  /** Recent read rate below this share of the baseline: the camera moved, lost focus or is blocked. */
  readRateDropShare: 0.5,
  /** A baseline needs this many days with at least `minRecordedHoursPerDay` recorded hours. */
  baselineMinDays: 3,
  minRecordedHoursPerDay: 2,
} as const;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A camera's health from what the cloud knows: the agent's heartbeat, recorded
 * gaps, decode failures, and codes read per recorded hour compared with the
 * camera's own recent baseline (a moved or refocused camera reads fewer labels
 * while still streaming fine). Pure; thresholds in cameraHealthThresholds.
 */
export function assessCameraHealth(input: CameraHealthInput, t = cameraHealthThresholds): CameraHealth {
  const problems: { kind: CameraHealthProblemKind; message: string }[] = [];
  const readRate = readRates(input, t);
  if (input.recorder?.state === 'paused') return { status: 'paused', problems, readRate };

  const lastSeen = input.agentLastSeenAt === null ? null : Date.parse(input.agentLastSeenAt);
  if (lastSeen === null || input.nowMs - lastSeen > 3 * input.heartbeatSeconds * 1000) {
    problems.push({ kind: 'agent_offline', message: lastSeen === null ? 'its agent has never reported' : `its agent has not reported since ${new Date(lastSeen).toISOString()}` });
    return { status: 'offline', problems, readRate };
  }
  const recorder = input.recorder;
  if (recorder !== null && recorder.state !== 'off_schedule') {
    const lastSegment = recorder.lastSegmentAt === null ? null : Date.parse(recorder.lastSegmentAt);
    const silent = lastSegment === null ? recorder.state === 'reconnecting' : input.nowMs - lastSegment > t.offlineAfterMs;
    if (silent && recorder.state !== 'starting') {
      problems.push({ kind: 'offline', message: `no footage ${lastSegment === null ? 'yet' : `since ${new Date(lastSegment).toISOString()}`}${recorder.error === null ? '' : `: ${recorder.error}`}` });
    }
  }

  const recentGaps = input.gaps.filter((gap) => Date.parse(gap.to) > input.nowMs - DAY);
  const lastHour = recentGaps.filter((gap) => Date.parse(gap.to) > input.nowMs - HOUR);
  if (lastHour.length >= t.streamErrorsPerHour) problems.push({ kind: 'stream_errors', message: `the stream dropped ${lastHour.length} times in the last hour (last: ${lastHour.at(-1)?.reason ?? 'unknown'})` });
  const missingMs = recentGaps.reduce((sum, gap) => sum + Math.max(0, Date.parse(gap.to) - Math.max(Date.parse(gap.from), input.nowMs - DAY)), 0);
  if (missingMs > t.gapMsPer24h) problems.push({ kind: 'recording_gaps', message: `${Math.round(missingMs / 60_000)} minutes of footage missing in the last 24 hours` });

  if (input.decodeFailures24h >= t.decodeFailuresMin && input.decodeFailures24h / Math.max(1, input.processed24h + input.decodeFailures24h) >= t.decodeFailureShare) {
    problems.push({ kind: 'decode_failures', message: `${input.decodeFailures24h} segments could not be decoded in the last 24 hours` });
  }
  if (readRate.recent !== null && readRate.baseline !== null && readRate.baseline > 0 && readRate.recent < readRate.baseline * t.readRateDropShare) {
    problems.push({ kind: 'read_rate_drop', message: `reads ${readRate.recent.toFixed(1)} codes per hour, against its usual ${readRate.baseline.toFixed(1)}: check that it still sees the labels (moved, out of focus, blocked)` });
  }
  const status = problems.some((p) => p.kind === 'offline') ? 'offline' : problems.length > 0 ? 'warning' : 'ok';
  return { status, problems, readRate };
}

function readRates(input: CameraHealthInput, t: typeof cameraHealthThresholds): CameraHealth['readRate'] {
  const rate = (hours: readonly HourlyReads[]) => {
    const minutes = hours.reduce((sum, h) => sum + h.recordedMinutes, 0);
    return minutes / 60 < t.minRecordedHoursPerDay ? null : hours.reduce((sum, h) => sum + h.codes, 0) / (minutes / 60);
  };
  const age = (h: HourlyReads) => input.nowMs - Date.parse(h.hourStart);
  const recent = rate(input.hourly.filter((h) => age(h) < DAY && age(h) >= 0));
  const days: number[] = [];
  for (let d = 1; d <= 7; d++) {
    const dayRate = rate(input.hourly.filter((h) => age(h) >= d * DAY && age(h) < (d + 1) * DAY));
    if (dayRate !== null) days.push(dayRate);
  }
  days.sort((a, b) => a - b);
  const baseline = days.length < t.baselineMinDays ? null : days.length % 2 === 1 ? (days[(days.length - 1) / 2] ?? null) : ((days[days.length / 2 - 1] ?? 0) + (days[days.length / 2] ?? 0)) / 2;
  return { recent, baseline };
}
