import { z } from 'zod';
import { processingSettingsSchema } from '../sources/processingSettings';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 08:00');

/** Same shape as an upload window (core/edge/uploadWindows reads both): days 0 = Sunday, end before start runs past midnight. */
export const recordingWindowSchema = z.strictObject({
  days: z.array(z.number().int().min(0).max(6)).min(1, 'choose at least one day').max(7),
  start: clock,
  end: clock,
});

/** An NVR (ONVIF Profile G or Hikvision ISAPI) holding a camera's recordings. */
export const agentCameraNvrSchema = z.strictObject({
  host: z.string().min(1).max(253),
  /** Its HTTP port (ONVIF and ISAPI). */
  port: z.number().int().min(1).max(65_535),
  username: z.string().max(64),
  password: z.string().max(128),
  /** The camera's channel on the NVR (ISAPI track N01; the ONVIF recording of that channel). */
  channel: z.number().int().min(1).max(256),
});

/** How the agent takes a camera's footage: its live stream, or the NVR's recordings. */
export const agentCameraCaptureSchema = z.enum(['live', 'nvr'], { error: 'must be live (record from the camera) or nvr (take footage from the NVR)' });

export type CameraCapture = z.output<typeof agentCameraCaptureSchema>;

/**
 * One camera the agent records, as the cloud sends it in the agent's
 * configuration. The password reaches only the agent that records (the cloud
 * keeps it sealed); the stream URI names the address the agent reached the
 * camera at and carries no credentials.
 */
export const agentCameraSchema = z.strictObject({
  cameraId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a camera id (letters, digits, dashes)'),
  /** The footage source its segments belong to (events and clips are filed under it). */
  sourceId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a source id'),
  name: z.string().min(1).max(100),
  /** Paused: not recorded, footage kept. */
  paused: z.boolean(),
  onvif: z.strictObject({
    host: z.string().min(1).max(253),
    port: z.number().int().min(1).max(65_535),
    profileToken: z.string().min(1).max(64),
  }),
  rtspUrl: z
    .string()
    .max(2_000)
    .refine((value) => /^rtsps?:\/\/[^/@\s]+(\/|$)/.test(value), 'must be an rtsp:// URL without credentials'),
  username: z.string().max(64),
  password: z.string().max(128),
  /** Segment length in seconds (the watchdog restarts a recorder with no new segment within twice this). */
  segmentSeconds: z.number().int().min(4).max(3_600).default(300),
  /** Record only inside these windows (shop hours), in the agent's time zone; empty for always. */
  schedule: z.array(recordingWindowSchema).max(14).default([]),
  /** Only this part of the picture is read for codes (fractions of width and height, drawn on its snapshot); null for all of it. */
  roi: processingSettingsSchema.shape.roi,
  /** Where its recordings are pulled from to fill gaps when not the camera itself: an NVR at its own address, with its own credentials, and the camera's channel there. */
  nvr: agentCameraNvrSchema.nullable().default(null),
  /**
   * `live`: recorded from the camera's RTSP stream (its recorder, with gaps
   * filled from `nvr`). `nvr`: the camera is not recorded; its finished footage
   * is pulled from `nvr` (or, with none, the camera's own card) every few
   * minutes, for sites where only the NVR is reachable. Absent: live (an agent
   * older than the field drops it and records live).
   */
  capture: agentCameraCaptureSchema.default('live'),
});

export type AgentCamera = z.output<typeof agentCameraSchema>;
