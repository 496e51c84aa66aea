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

export interface FollowPlan {
  /** Open follow ranges whose end moves on to now (the NVR has not answered yet: one pull catches up). */
  readonly extended: ReadonlyMap<string, string>;
  /** New ranges to pull, [from, to]. */
  readonly added: readonly { cameraId: string; from: string; to: string }[];
  readonly progress: Readonly<Record<string, FollowProgress>>;
}

export interface FollowInput {
  readonly nowMs: number;
  /** The NVR is given this long to finish writing before its footage is asked for. */
  readonly lagMs: number;
  /** New footage shorter than this waits for the next look (a pull has a fixed cost). */
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

/**
 * The ranges a camera that takes its footage from its NVR (`capture: 'nvr'`)
 * needs now: from where it got to (`cursor`, kept across restarts) up to now
 * minus the lag, so every instant is asked for once and none is skipped. A
 * camera seen for the first time (or again) starts now; footage outside its schedule (or
 * while paused) is passed over, not pulled. While a range is still waiting for
 * the NVR, its end moves on instead of a new range queueing behind it, up to the
 * longest range one request may ask for.
 */
export function planNvrFollow(input: FollowInput): FollowPlan {
  // Only the cameras following now: one that records live again (or is removed) starts afresh if it follows later, rather than pull everything since.
  const following = input.cameras.filter((c) => c.capture === 'nvr');
  const progress: Record<string, FollowProgress> = Object.fromEntries(Object.entries(input.progress).filter(([cameraId]) => following.some((c) => c.cameraId === cameraId)));
  const extended = new Map<string, string>();
  const added: { cameraId: string; from: string; to: string }[] = [];
  const target = input.nowMs - input.lagMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const camera of following) {
    const known = progress[camera.cameraId];
    if (known === undefined) {
      progress[camera.cameraId] = { cursor: iso(target), footageTo: null };
      continue;
    }
    const cursor = Date.parse(known.cursor);
    if (!Number.isFinite(cursor) || target - cursor < input.minStepMs) continue;
    // Off hours or paused: not wanted, passed over (a range that ends inside the schedule is pulled whole).
    if (camera.paused || (!input.scheduled(camera, cursor) && !input.scheduled(camera, target))) {
      progress[camera.cameraId] = { ...known, cursor: iso(target) };
      continue;
    }
    const open = input.ranges.find((r) => r.cameraId === camera.cameraId && r.reason === 'follow' && r.state === 'pending' && r.id !== input.pullingId && Date.parse(r.to) === cursor);
    let from = cursor;
    if (open !== undefined && Date.parse(open.from) + input.maxRangeMs > cursor) {
      const to = Math.min(target, Date.parse(open.from) + input.maxRangeMs);
      extended.set(open.id, iso(to));
      from = to;
    }
    for (; target - from >= Math.min(input.minStepMs, 1_000); from = Math.min(target, from + input.maxRangeMs)) {
      added.push({ cameraId: camera.cameraId, from: iso(from), to: iso(Math.min(target, from + input.maxRangeMs)) });
    }
    progress[camera.cameraId] = { ...known, cursor: iso(Math.max(from, cursor)) };
  }
  return { extended, added, progress };
}
