import { z } from 'zod';
import { recordingWindowSchema } from '../edge/agentCameraSchema';
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
const schedule = z.array(recordingWindowSchema).max(14, 'at most 14 windows');

/** `POST /api/cameras/probes/{requestId}/snapshot`: a snapshot of one profile before adding. */
export const probeSnapshotSchema = z.strictObject({ profileToken: z.string().min(1, 'choose a profile').max(64) });

/** `POST /api/cameras`: add the probed camera with the chosen profile and start recording it. */
export const addCameraSchema = z.strictObject({
  probeId: id('a probe id'),
  profileToken: z.string().min(1, 'choose a profile').max(64),
  name,
  schedule: schedule.default([]),
});

/** `PATCH /api/cameras/{cameraId}`: any of these. */
export const editCameraSchema = z
  .strictObject({ name: name.optional(), profileToken: z.string().min(1, 'choose a profile').max(64).optional(), schedule: schedule.optional(), paused: z.boolean().optional(), nvr: cameraNvrInputSchema.optional() })
  .refine((body) => Object.keys(body).length > 0, 'say what to change: name, profileToken, schedule, paused or nvr');

/** `DELETE /api/cameras/{cameraId}?keepFootage=false` deletes its footage too; kept by default. */
export const removeCameraQuerySchema = z.object({ keepFootage: z.enum(['true', 'false'], { error: 'must be true or false' }).optional() });
