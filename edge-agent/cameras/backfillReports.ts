import { BACKFILL_RANGES_REPORTED, type BackfillRangeReport, type NvrFollowReport } from '../../core/edge/cameraHeartbeatSchema';
import type { PullOutcome } from './backfillPullers';

// What the heartbeat says of the backfill's ranges: views of the state file, no state of their own.

/** One time range of one camera to fetch from its recorder, and how far it got. */
export interface BackfillRange {
  readonly id: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  /** `gap`: the recorder missed it; `asked`: someone asked for it (the request channel); `follow`: a camera that takes its footage from the NVR. */
  readonly reason: 'gap' | 'asked' | 'follow';
  readonly state: 'pending' | 'done' | 'failed';
  readonly attempts: number;
  readonly nextTryAt: string;
  readonly lastError: string | null;
  readonly segments: number;
  readonly via: PullOutcome['via'] | null;
  /**
   * Segment names its pull is giving, kept (durably) before the first is named
   * and cleared once they are queued: after a power cut in between, the next
   * start queues the ones on disk (a pull again would take them for duplicates).
   */
  readonly naming?: readonly string[];
}

/** What the heartbeat says of a camera that takes its footage from the NVR: like a recorder's state. */
export interface FollowState {
  /** `recording`: the NVR answers and footage arrives; `reconnecting`: the NVR does not answer (see error); `starting`: nothing pulled yet. */
  readonly state: 'recording' | 'starting' | 'reconnecting';
  readonly error: string | null;
  readonly segments: number;
  /** Where the footage pulled from the NVR ends. */
  readonly lastSegmentAt: string | null;
  /** How often new footage is due: one pull per segment window (at least followEveryMs of them), once followLagMs has passed after its end. */
  readonly footageEverySeconds: number;
}

/** One camera's newest gap and asked ranges as the heartbeat reports them (what is being pulled, done, failed and why); a following camera's own ranges show in its state instead. */
export function rangesReportOf(ranges: readonly BackfillRange[], cameraId: string, pullingId: string | null): BackfillRangeReport[] {
  return ranges
    .flatMap((r) => (r.cameraId === cameraId && r.reason !== 'follow' ? [{ ...r, reason: r.reason }] : []))
    .slice(-BACKFILL_RANGES_REPORTED)
    .reverse()
    .map((r) => ({
      from: r.from,
      to: r.to,
      reason: r.reason,
      state: r.id === pullingId ? 'pulling' : r.state,
      attempts: r.attempts,
      segments: r.segments,
      via: r.via,
      lastError: r.lastError === null ? null : r.lastError.slice(0, 500),
      nextTryAt: r.state === 'pending' ? r.nextTryAt : null,
    }));
}

/** A camera that takes its footage from the NVR, as the heartbeat reports it: like a recorder, reconnecting while its newest pull fails. */
export function followStateOf(input: {
  ranges: readonly BackfillRange[];
  cameraId: string;
  footageTo: string | null;
  segments: number;
  footageEverySeconds: number;
}): FollowState {
  const open = input.ranges.filter((r) => r.cameraId === input.cameraId && r.reason === 'follow' && r.state !== 'done' && r.attempts > 0 && r.lastError !== null);
  const failing = open.at(-1);
  return {
    state: failing !== undefined ? 'reconnecting' : input.footageTo === null ? 'starting' : 'recording',
    error: failing?.lastError ?? null,
    segments: input.segments,
    lastSegmentAt: input.footageTo,
    footageEverySeconds: input.footageEverySeconds,
  };
}

/** A camera that takes its footage from the NVR: how its regular pulls get on (the heartbeat's `nvrFollow`). */
export function nvrFollowReportOf(ranges: readonly BackfillRange[], cameraId: string, cursor: string | null, pullingId: string | null): NvrFollowReport {
  const follows = ranges.filter((r) => r.cameraId === cameraId && r.reason === 'follow');
  const waiting = follows.filter((r) => r.state === 'pending');
  const oldestWaiting = waiting.map((r) => r.from).sort()[0];
  const failing = waiting.filter((r) => r.lastError !== null && r.id !== pullingId).map((r) => r.nextTryAt).sort()[0];
  const last = follows.filter((r) => r.state === 'done').at(-1);
  return {
    upTo: oldestWaiting !== undefined && (cursor === null || Date.parse(oldestWaiting) < Date.parse(cursor)) ? oldestWaiting : cursor,
    waiting: waiting.length,
    pulling: waiting.some((r) => r.id === pullingId),
    nextTryAt: failing ?? null,
    lastPull: last === undefined ? null : { from: last.from, to: last.to, segments: last.segments, via: last.via },
  };
}
