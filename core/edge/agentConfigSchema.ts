import { z } from 'zod';
import { localConfigSchema } from '../sources/sourceSchemas';
import { agentCameraSchema } from './agentCameraSchema';

/**
 * What the cloud tells an agent to do, pulled from the API and applied without a
 * restart. Checked field by field on arrival: a bad value is refused with the
 * field named and the agent keeps its last good configuration.
 */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day such as 21:30');

export const uploadWindowSchema = z.strictObject({
  /** Days of the week, 0 = Sunday, in the agent's time zone. */
  days: z.array(z.number().int().min(0).max(6)).min(1, 'choose at least one day').max(7),
  start: clock,
  /** End of the window; before `start` means the window runs past midnight. */
  end: clock,
});

export const agentLocalSourceSchema = z.strictObject({
  sourceId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a source id'),
  type: z.literal('local'),
  name: z.string().min(1).max(100),
  paused: z.boolean(),
  config: localConfigSchema.omit({ agentId: true }),
  /** Upload this source's original footage too (its order settings keep clips and footage); absent: `uploads.keepOriginals`. */
  keepOriginals: z.boolean().optional(),
});

export const agentConfigSchema = z.strictObject({
  /** Grows with every change in the cloud; the agent applies a newer one only. */
  revision: z.number().int().min(0),
  /** The agent's own time zone for upload windows (IANA or offset). */
  timeZone: z.string().min(1).max(64),
  sources: z.array(agentLocalSourceSchema).max(200),
  uploads: z.strictObject({
    /** Bytes per second at most; null for no cap. At least 64 KiB/s so a cap cannot stop uploads for good. */
    maxBytesPerSecond: z.number().int().min(65_536, 'must be at least 65536 bytes per second').nullable(),
    /** Upload only inside these windows; empty for any time. */
    windows: z.array(uploadWindowSchema).max(14),
    /** Upload the original footage too, not only clips and events. */
    keepOriginals: z.boolean(),
  }),
  disk: z.strictObject({
    maxUsedBytes: z.number().int().min(1_000_000_000, 'must be at least 1 GB'),
    minFreeBytes: z.number().int().min(0),
    keepDaysAfterUpload: z.number().int().min(0).max(365),
    whenFull: z.enum(['drop_oldest', 'refuse_new']),
  }),
  heartbeatSeconds: z.number().int().min(15).max(600),
  /** How long a file must stay unchanged before it is taken (core/edge/fileSettling). */
  settleSeconds: z.number().int().min(5).max(3600).default(120),
  /** IP cameras recorded over RTSP into segments (core/edge/agentCameraSchema); absent for none. */
  cameras: z.array(agentCameraSchema).max(64).optional(),
  /** Probe the LAN for ONVIF cameras (WS-Discovery multicast) and report them; absent for no. */
  discoverCameras: z.boolean().optional(),
});

export type AgentConfig = z.output<typeof agentConfigSchema>;
export type UploadWindow = z.output<typeof uploadWindowSchema>;
