import { deviceFailure, type DeviceFailureCode } from '../cameras/deviceFailure';
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
  /** True for a camera no agent records (Drive, local folders): only its footage is judged, never offline. */
  readonly noAgent?: boolean;
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

/**
 * What is wrong, as a code with its facts (times as ISO-8601); the web words
 * it in the reader's language and formats times for their locale.
 */
export type CameraHealthProblem =
  /** The camera's agent has not reported for three heartbeats; `since`: when it last did (null: never). */
  | { readonly kind: 'agent_offline'; readonly since: string | null }
  /**
   * No footage for `offlineAfterMs` while it should record; `since`: the last segment (null: none yet);
   * `error`: the recorder's own (English) words, shown only as details; `errorCode`: what the web words.
   * History stored before codes has no `errorCode`: the web words that as a generic device failure.
   */
  | { readonly kind: 'offline'; readonly since: string | null; readonly error: string | null; readonly errorCode?: DeviceFailureCode | null }
  /** The stream dropped `count` times in the last hour; the last drop's words and code as for `offline`. */
  | { readonly kind: 'stream_errors'; readonly count: number; readonly lastReason: string | null; readonly lastReasonCode?: DeviceFailureCode | null }
  | { readonly kind: 'recording_gaps'; readonly minutes: number }
  | { readonly kind: 'decode_failures'; readonly count: number }
  /** Codes per recorded hour now and usually, to one decimal. */
  | { readonly kind: 'read_rate_drop'; readonly recent: number; readonly baseline: number };

export type CameraHealthProblemKind = CameraHealthProblem['kind'];

export interface CameraHealth {
  readonly status: 'ok' | 'warning' | 'offline' | 'paused';
  readonly problems: readonly CameraHealthProblem[];
  /** Codes per recorded hour: last 24 h and the camera's own baseline (median day of the 7 before), when known. */
  readonly readRate: { readonly recent: number | null; readonly baseline: number | null };
}

/** Defaults chosen for a packing table: a shop notices within minutes, not after a complaint. */
export const cameraHealthThresholds = {
  /** No new footage for this long past when it was due (core/edge/cameraHeartbeatSchema footageEverySeconds) while it should record: offline. */
  offlineAfterMs: 5 * 60_000,
  /**
   * An agent that does not say how often footage is due reported where its last
   * segment starts: allow two of the default 5-minute segments.
   */
  olderAgentFootageEverySeconds: 600,
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

/** How often agents report (core/agents/agentConfigFor hands out 60 s): health judges their silence by it. */
export const AGENT_HEARTBEAT_SECONDS = 60;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * A camera's health from what the cloud knows: the agent's heartbeat, recorded
 * gaps, decode failures, and codes read per recorded hour compared with the
 * camera's own recent baseline (a moved or refocused camera reads fewer labels
 * while still streaming fine). Pure; thresholds in cameraHealthThresholds.
 */
export function assessCameraHealth(input: CameraHealthInput, t = cameraHealthThresholds): CameraHealth {
  const problems: CameraHealthProblem[] = [];
  const readRate = readRates(input, t);
  if (input.recorder?.state === 'paused') return { status: 'paused', problems, readRate };

  const lastSeen = input.agentLastSeenAt === null ? null : Date.parse(input.agentLastSeenAt);
  if (input.noAgent !== true && (lastSeen === null || input.nowMs - lastSeen > 3 * input.heartbeatSeconds * 1000)) {
    problems.push({ kind: 'agent_offline', since: lastSeen === null ? null : new Date(lastSeen).toISOString() });
    return { status: 'offline', problems, readRate };
  }
  const recorder = input.recorder;
  if (recorder !== null && recorder.state !== 'off_schedule') {
    const lastSegment = recorder.lastSegmentAt === null ? null : Date.parse(recorder.lastSegmentAt);
    // New footage is due once per segment (or NVR look): silence counts from when the next one was due.
    const dueEveryMs = (recorder.footageEverySeconds ?? t.olderAgentFootageEverySeconds) * 1000;
    const silent = lastSegment === null ? recorder.state === 'reconnecting' : input.nowMs - lastSegment > t.offlineAfterMs + dueEveryMs;
    if (silent && recorder.state !== 'starting') {
      problems.push({ kind: 'offline', since: lastSegment === null ? null : new Date(lastSegment).toISOString(), error: recorder.error, errorCode: deviceFailure(recorder.error)?.code ?? null });
    }
  }

  const recentGaps = input.gaps.filter((gap) => Date.parse(gap.to) > input.nowMs - DAY);
  const lastHour = recentGaps.filter((gap) => Date.parse(gap.to) > input.nowMs - HOUR);
  if (lastHour.length >= t.streamErrorsPerHour) {
    const lastReason = lastHour.at(-1)?.reason ?? null;
    problems.push({ kind: 'stream_errors', count: lastHour.length, lastReason, lastReasonCode: deviceFailure(lastReason)?.code ?? null });
  }
  const missingMs = recentGaps.reduce((sum, gap) => sum + Math.max(0, Date.parse(gap.to) - Math.max(Date.parse(gap.from), input.nowMs - DAY)), 0);
  if (missingMs > t.gapMsPer24h) problems.push({ kind: 'recording_gaps', minutes: Math.round(missingMs / 60_000) });

  if (input.decodeFailures24h >= t.decodeFailuresMin && input.decodeFailures24h / Math.max(1, input.processed24h + input.decodeFailures24h) >= t.decodeFailureShare) {
    problems.push({ kind: 'decode_failures', count: input.decodeFailures24h });
  }
  if (readRate.recent !== null && readRate.baseline !== null && readRate.baseline > 0 && readRate.recent < readRate.baseline * t.readRateDropShare) {
    problems.push({ kind: 'read_rate_drop', recent: Math.round(readRate.recent * 10) / 10, baseline: Math.round(readRate.baseline * 10) / 10 });
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
