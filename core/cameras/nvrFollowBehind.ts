import type { NvrFollowReport } from '../edge/cameraHeartbeatSchema';

/**
 * Beyond when its footage is due: the agent looks every 30 s, a pull takes a
 * while, and the heartbeat (every 60 s) may be a minute old.
 */
const SLACK_SECONDS = 120;
/** An agent that does not say how often footage is due: two default 5-minute windows. */
const UNSAID_FOOTAGE_EVERY_SECONDS = 600;

/**
 * How far (seconds) a camera that takes its footage from the NVR is behind
 * now: from where its footage in hand ends (`upTo`) to now, once that is more
 * than one pull's worth (a segment window plus the NVR's lag, the heartbeat's
 * `footageEverySeconds`) and some slack; null while it keeps up or before its
 * first look.
 */
export function nvrFollowBehindSeconds(report: NvrFollowReport, footageEverySeconds: number | undefined, nowMs: number): number | null {
  const upTo = report.upTo === null ? Number.NaN : Date.parse(report.upTo);
  if (!Number.isFinite(upTo)) return null;
  const behindSeconds = Math.round((nowMs - upTo) / 1000);
  return behindSeconds > (footageEverySeconds ?? UNSAID_FOOTAGE_EVERY_SECONDS) + SLACK_SECONDS ? behindSeconds : null;
}
