import { z } from 'zod';

/**
 * One range of a camera's footage the agent pulls (or pulled) from its
 * recorder (SD card or NVR): what, how far, and why it failed. The heartbeat
 * carries the newest ranges each time (not only changes), so a missed
 * heartbeat loses nothing.
 */
export const backfillRangeReportSchema = z.strictObject({
  from: z.string().max(40),
  to: z.string().max(40),
  /** `gap`: the recorder missed it; `asked`: someone asked for it. */
  reason: z.enum(['gap', 'asked']),
  /** `pulling`: being pulled now; `pending`: waiting for the device (see nextTryAt). */
  state: z.enum(['pending', 'pulling', 'done', 'failed']),
  attempts: z.number().int().min(0),
  segments: z.number().int().min(0),
  via: z.enum(['onvif-profile-g', 'isapi']).nullable(),
  /** The last failure in the device's or ffmpeg's words (never a password). */
  lastError: z.string().max(500).nullable(),
  nextTryAt: z.string().max(40).nullable(),
});

export type BackfillRangeReport = z.output<typeof backfillRangeReportSchema>;

/** Ranges per camera in one heartbeat at most (newest first). */
export const BACKFILL_RANGES_REPORTED = 20;

/**
 * How a camera that takes its footage from the NVR (`capture: 'nvr'`) gets on
 * with its regular pulls. Sent for such cameras only; absent from agents before
 * it existed. A cloud before it refuses the whole heartbeat (strict schema):
 * deploy the cloud before the agents (docs/EDGE-AGENT.md).
 */
export const nvrFollowReportSchema = z.strictObject({
  /** Its footage before this instant is pulled (or passed over: outside its schedule, paused); null before its first look. */
  upTo: z.string().max(40).nullable(),
  /** Ranges waiting to be pulled (one grows while the NVR does not answer). */
  waiting: z.number().int().min(0),
  /** One of its ranges is being pulled now. */
  pulling: z.boolean(),
  /** When a range that failed is tried again (null: none failing). */
  nextTryAt: z.string().max(40).nullable(),
  /** Its newest finished pull. */
  lastPull: z
    .strictObject({ from: z.string().max(40), to: z.string().max(40), segments: z.number().int().min(0), via: z.enum(['onvif-profile-g', 'isapi']).nullable() })
    .nullable(),
});

export type NvrFollowReport = z.output<typeof nvrFollowReportSchema>;

/** Per camera in an agent's heartbeat: is it recording, and what went missing since the last heartbeat. */
export const cameraHeartbeatSchema = z.strictObject({
  cameraId: z.string().min(1).max(64),
  state: z.enum(['recording', 'starting', 'reconnecting', 'off_schedule', 'paused']),
  /** The recorder's last problem (ffmpeg's words, never the stream's credentials). */
  error: z.string().max(500).nullable(),
  restarts: z.number().int().min(0),
  segments: z.number().int().min(0),
  /** Where its newest finished footage ends (agents before footageEverySeconds existed sent where it starts). */
  lastSegmentAt: z.string().max(40).nullable(),
  /**
   * How often new footage is due: its segment length, or for a camera that
   * follows its NVR the pull interval plus the NVR's writing lag. The cloud
   * waits this long beyond its offline threshold (absent from older agents).
   */
  footageEverySeconds: z.number().int().min(1).max(86_400).optional(),
  /** Recording gaps since the last heartbeat that reached the cloud. */
  gaps: z.array(z.strictObject({ from: z.string().max(40), to: z.string().max(40), reason: z.string().max(300) })).max(100),
  /** Footage ranges pulled from its recorder, newest first (absent from agents before it existed). */
  backfill: z.array(backfillRangeReportSchema).max(BACKFILL_RANGES_REPORTED).optional(),
  /** Its regular pulls, for a camera that takes its footage from the NVR (see nvrFollowReportSchema). */
  nvrFollow: nvrFollowReportSchema.optional(),
});

export type CameraHeartbeat = z.output<typeof cameraHeartbeatSchema>;

/** An ONVIF device the agent found on its LAN (WS-Discovery), for onboarding in the web app. */
export const discoveredCameraSchema = z.strictObject({
  endpoint: z.string().min(1).max(200),
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65_535),
  name: z.string().max(100).nullable(),
  hardware: z.string().max(100).nullable(),
  seenAt: z.string().max(40),
});

export type DiscoveredCamera = z.output<typeof discoveredCameraSchema>;
