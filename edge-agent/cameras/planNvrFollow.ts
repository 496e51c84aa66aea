import type { AgentCamera } from '../../core/edge/agentCameraSchema';

/** How far a camera that follows its NVR has got: footage up to `cursor` is in a range; the NVR's footage pulled reaches `footageTo`. */
export interface FollowProgress {
  readonly cursor: string;
  readonly footageTo: string | null;
}

/** The part of a backfill range the follow planner reads and writes. */
export interface FollowRange {
  readonly id: string;
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly state: string;
}

export interface FollowAddition {
  readonly cameraId: string;
  readonly from: string;
  readonly to: string;
  readonly notBeforeMs?: number;
}

export interface FollowPlan {
  /** Open follow ranges whose end moves on to now (the NVR has not answered yet: one pull catches up). */
  readonly extended: ReadonlyMap<string, string>;
  /** New ranges to pull, [from, to]; not before `notBeforeMs` when given. */
  readonly added: readonly FollowAddition[];
  readonly progress: Readonly<Record<string, FollowProgress>>;
}

export interface FollowInput {
  readonly nowMs: number;
  /** The NVR is given this long to finish writing before its footage is asked for. */
  readonly lagMs: number;
  /** A pull brings at least this much footage (whole windows; a pull has a fixed cost). */
  readonly minStepMs: number;
  readonly maxRangeMs: number;
  readonly cameras: readonly AgentCamera[];
  readonly ranges: readonly FollowRange[];
  readonly progress: Readonly<Record<string, FollowProgress>>;
  /** The range being pulled now (its end is not moved under the pull). */
  readonly pullingId: string | null;
  /** True when the camera's recording schedule covers this instant. */
  readonly scheduled: (camera: AgentCamera, atMs: number) => boolean;
}

const MINUTE_MS = 60_000;

/** How much footage one pull of this camera brings: whole segment windows, at least minStepMs. */
export function followStepMs(segmentSeconds: number, minStepMs: number): number {
  const windowMs = segmentSeconds * 1000;
  return Math.max(1, Math.ceil(minStepMs / windowMs)) * windowMs;
}

/**
 * The ranges a camera that takes its footage from its NVR (`capture: 'nvr'`)
 * needs now: from where it got to (`cursor`, kept across restarts) up to the
 * end of the newest segment window the NVR has finished writing (window end
 * plus the lag at or before now), so every instant is asked for once and none
 * is skipped. Windows are the live recorder's: UTC multiples of the camera's
 * segment length, so the pulled files are cut, named and as long as recorded
 * ones. A camera seen for the first time (or again) starts now minus the lag,
 * its first window partial (as a recorder started mid-window); footage outside
 * its schedule (or while paused) is passed over, the schedule's edges cutting a
 * window as starting and stopping the recorder would; one switched to live
 * recording gets its last window up to the switch. While a range is still
 * waiting for the NVR, its end moves on instead of a new range queueing behind
 * it, up to the longest range one request may ask for.
 */
export function planNvrFollow(input: FollowInput): FollowPlan {
  // Only the cameras following now: one that records live again (or is removed) starts afresh if it follows later, rather than pull everything since.
  const following = input.cameras.filter((c) => c.capture === 'nvr');
  const progress: Record<string, FollowProgress> = Object.fromEntries(Object.entries(input.progress).filter(([cameraId]) => following.some((c) => c.cameraId === cameraId)));
  const extended = new Map<string, string>();
  const added: FollowAddition[] = [];
  const iso = (ms: number) => new Date(ms).toISOString();
  const inSchedule = (camera: AgentCamera) => (atMs: number) => camera.schedule.length === 0 || input.scheduled(camera, atMs);
  for (const [cameraId, known] of Object.entries(input.progress)) {
    const camera = input.cameras.find((c) => c.cameraId === cameraId);
    const cursor = Date.parse(known.cursor);
    if (camera === undefined || camera.capture === 'nvr' || camera.paused || !Number.isFinite(cursor)) continue;
    // Recorded live from now: its footage up to the switch still comes from the NVR, a last partial window as a stopped recorder leaves, asked for once the NVR has written it.
    for (const piece of scheduledPieces(cursor, input.nowMs, inSchedule(camera))) {
      for (let from = piece.from; piece.to - from >= 1_000; from = Math.min(piece.to, from + input.maxRangeMs)) {
        added.push({ cameraId, from: iso(from), to: iso(Math.min(piece.to, from + input.maxRangeMs)), notBeforeMs: input.nowMs + input.lagMs });
      }
    }
  }
  for (const camera of following) {
    const known = progress[camera.cameraId];
    if (known === undefined) {
      progress[camera.cameraId] = { cursor: iso(input.nowMs - input.lagMs), footageTo: null };
      continue;
    }
    const cursor = Date.parse(known.cursor);
    const windowMs = camera.segmentSeconds * 1000;
    // The end of the newest whole window the NVR has had `lagMs` to finish writing.
    const due = Math.floor((input.nowMs - input.lagMs) / windowMs) * windowMs;
    const firstEnd = Math.floor(cursor / windowMs) * windowMs + windowMs;
    if (!Number.isFinite(cursor) || due < firstEnd - windowMs + followStepMs(camera.segmentSeconds, input.minStepMs)) continue;
    // Off hours or paused: not wanted, passed over.
    const pieces = camera.paused ? [] : scheduledPieces(cursor, due, inSchedule(camera));
    const open = input.ranges.find((r) => r.cameraId === camera.cameraId && r.reason === 'follow' && r.state === 'pending' && r.id !== input.pullingId && Date.parse(r.to) === cursor);
    // A range ends on a window's end (never splitting one), at most maxRangeMs after it starts.
    const endFor = (from: number, to: number) => Math.min(to, Math.max(Math.floor((from + input.maxRangeMs) / windowMs) * windowMs, from + Math.min(windowMs, input.maxRangeMs)));
    for (const piece of pieces) {
      let from = piece.from;
      if (open !== undefined && from === cursor) {
        const to = endFor(Date.parse(open.from), piece.to);
        if (to > cursor) {
          extended.set(open.id, iso(to));
          from = to;
        }
      }
      for (; piece.to - from >= 1_000; from = endFor(from, piece.to)) added.push({ cameraId: camera.cameraId, from: iso(from), to: iso(endFor(from, piece.to)) });
    }
    progress[camera.cameraId] = { ...known, cursor: iso(due) };
  }
  return { extended, added, progress };
}

/** The parts of [from, to) inside the schedule (it changes on whole minutes: HH:MM in a zone of whole minutes). */
function scheduledPieces(from: number, to: number, scheduled: (atMs: number) => boolean): { from: number; to: number }[] {
  const pieces: { from: number; to: number }[] = [];
  let start: number | null = null;
  for (let t = from; t < to; t = Math.min(to, Math.floor(t / MINUTE_MS) * MINUTE_MS + MINUTE_MS)) {
    const inside = scheduled(t);
    if (inside && start === null) start = t;
    if (!inside && start !== null) {
      pieces.push({ from: start, to: t });
      start = null;
    }
  }
  if (start !== null) pieces.push({ from: start, to });
  return pieces;
}
