import { z } from 'zod';
import { agentCameraCaptureSchema, recordingWindowSchema } from '../edge/agentCameraSchema';
import { processingSettingsSchema } from '../sources/processingSettings';
import { cameraAddressSchema as address } from './cameraAddressSchema';
import { cameraNvrInputSchema } from './cameraNvr';

export type RecordingWindow = z.output<typeof recordingWindowSchema>;

const id = (what: string) => z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, `must be ${what}`);

/** `POST /api/cameras/probes`: ask an agent to connect to a camera and read what it offers. */
export const probeCameraSchema = z.strictObject({
  agentId: id('an agent id'),
  address,
  username: z.string().max(64, 'must be at most 64 characters'),
  password: z.string().max(128, 'must be at most 128 characters'),
});

const name = z.string().trim().min(1, 'give the camera a name').max(100, 'must be at most 100 characters');
/**
 * A camera's recording window ends after it starts, on the same day; `00:00` as the end is
 * midnight (a night shift is two windows, 20:00–00:00 and 00:00–06:00). The agent would read an end
 * before the start as running past midnight, but from a form that is mostly a slip (18:00–08:00
 * for 08:00–18:00), so it is refused here.
 */
const cameraWindow = recordingWindowSchema.refine((window) => window.end === '00:00' || window.end > window.start, {
  error: 'must be after the start (use 00:00 for midnight; a night shift is two windows)',
  path: ['end'],
});
const schedule = z.array(cameraWindow).max(14, 'at most 14 windows');
/** Segment length the web app may choose: a minute to an hour (the agent accepts shorter ones for tests). */
export const CAMERA_SEGMENT_SECONDS = { min: 60, max: 3_600 } as const;
const segmentSeconds = z
  .number({ error: 'must be a number of seconds' })
  .int('must be whole seconds')
  .min(CAMERA_SEGMENT_SECONDS.min, `must be at least ${CAMERA_SEGMENT_SECONDS.min} seconds`)
  .max(CAMERA_SEGMENT_SECONDS.max, `must be at most ${CAMERA_SEGMENT_SECONDS.max} seconds (an hour)`);
/** Only this part of the picture is read for codes; null reads all of it. */
const roi = processingSettingsSchema.shape.roi.unwrap();

/** `POST /api/cameras/probes/{requestId}/snapshot`: a snapshot of one profile before adding. */
export const probeSnapshotSchema = z.strictObject({ profileToken: z.string().min(1, 'choose a profile').max(64) });

/** `POST /api/cameras`: add the probed camera with the chosen profile and start recording it. */
export const addCameraSchema = z.strictObject({
  probeId: id('a probe id'),
  profileToken: z.string().min(1, 'choose a profile').max(64),
  name,
  schedule: schedule.default([]),
  segmentSeconds: segmentSeconds.optional(),
  /** `nvr` takes its footage from `nvr` instead of recording it live (needs `nvr`). */
  capture: agentCameraCaptureSchema.optional(),
  nvr: cameraNvrInputSchema.optional(),
});

/**
 * `PATCH /api/cameras/{cameraId}`: any of these. `probeId` takes the user name and password of a
 * probe of this camera the device accepted (a password change, checked through the agent first).
 */
export const editCameraSchema = z
  .strictObject({
    name: name.optional(),
    profileToken: z.string().min(1, 'choose a profile').max(64).optional(),
    schedule: schedule.optional(),
    segmentSeconds: segmentSeconds.optional(),
    roi: roi.optional(),
    paused: z.boolean().optional(),
    probeId: id('a probe id').optional(),
    nvr: cameraNvrInputSchema.optional(),
    capture: agentCameraCaptureSchema.optional(),
    // Never taken as typed: the camera must accept them first.
    username: z.never({ error: 'is changed only once the camera accepts it: probe the camera with it, then send the probeId' }).optional(),
    password: z.never({ error: 'is changed only once the camera accepts it: probe the camera with it, then send the probeId' }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'say what to change: name, profileToken, schedule, segmentSeconds, roi, paused, probeId, nvr or capture');

export type EditCameraInput = z.output<typeof editCameraSchema>;

/** `DELETE /api/cameras/{cameraId}?keepFootage=false` deletes its footage too; kept by default. */
export const removeCameraQuerySchema = z.object({ keepFootage: z.enum(['true', 'false'], { error: 'must be true or false' }).optional() });
