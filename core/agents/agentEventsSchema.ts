import { z } from 'zod';

const iso = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an id of 1 to 100 letters, digits, _ or -');
const seconds = z.number().min(0).max(7 * 86_400);

const filePartSchema = z.strictObject({
  /** The footage file's content fingerprint on the agent. */
  fileId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be the file fingerprint'),
  name: z.string().min(1).max(255),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-07-18').nullable(),
  fromSec: seconds,
  toSec: seconds,
  /** The original was uploaded (the tenant keeps originals): the cloud names its key. */
  uploaded: z.boolean(),
});

const eventSchema = z.strictObject({
  id,
  trackingCodes: z.array(z.string().min(1).max(100)).min(1).max(20),
  start: iso,
  end: iso,
  clipStart: iso,
  clipEnd: iso,
  files: z.array(filePartSchema).min(1).max(10),
  labelSighting: z
    .strictObject({
      atClipSec: seconds,
      bbox: z.strictObject({ x: z.number().min(0), y: z.number().min(0), width: z.number().min(0), height: z.number().min(0) }),
    })
    .nullable(),
  /** Whether the clip was cut and its upload completed; the cloud names and checks its key. */
  clipUploaded: z.boolean(),
  truncated: z.boolean(),
});

/** The footage file a batch processed, as the agent took it: the cloud lists it on the source's page. */
const processedFileSchema = z.strictObject({
  /** The file's content fingerprint on the agent (the same as in its footage upload and events). */
  fileId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be the file fingerprint'),
  name: z.string().min(1).max(255),
  /** Where it sits under the source's folder, folders joined by '/', ending with the name. */
  relativePath: z.string().min(1).max(1000),
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-07-18').nullable(),
  size: z.number().int().min(0).max(5 * 1024 ** 4, 'must be at most 5 TiB'),
  /** When its recording began. */
  recordedAt: iso,
  /** The original was uploaded (the tenant keeps originals); false: it stays on the agent's disk. */
  uploaded: z.boolean(),
});

/**
 * `POST /api/agent/events`: the events one processing run on site found for a
 * camera window. They replace every stored event of that camera starting in the
 * window, so sending a window again (after a restart, a lost answer) is harmless.
 * `file`: the footage file the run processed (older agents send none).
 */
export const agentEventsSchema = z.strictObject({
  sourceId: id,
  cameraId: z.string().min(1).max(200),
  from: iso,
  to: iso,
  events: z.array(eventSchema).max(2_000),
  file: processedFileSchema.optional(),
});

export type AgentEventsBody = z.input<typeof agentEventsSchema>;
export type AgentEventWire = z.input<typeof eventSchema>;
export type ProcessedFileWire = z.input<typeof processedFileSchema>;
