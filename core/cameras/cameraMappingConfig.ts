import { z } from 'zod';
import { parseTimeZone } from '../time/timeZone';

/**
 * How files in the chosen folders map to cameras:
 * - `flat`: the camera is in the file name (`Cam1_20250718_093000.mp4`);
 * - `by_folder`: the camera is the first folder under the chosen one (`Cam1/2025-07-18/x.mp4`);
 * - `auto`: mixed trees; the first folder that is not a date wins, else the file name;
 *   in a folder whose files name several cameras (flat uploads inside a tree), each
 *   file goes by its name's camera. Folders named by symbols only (`..`) never name one.
 */
export const cameraLayouts = ['auto', 'flat', 'by_folder'] as const;
export type CameraLayout = (typeof cameraLayouts)[number];

export const cameraMappingConfigSchema = z.strictObject({
  layout: z.enum(cameraLayouts).default('auto'),
  /** The cameras' clock: IANA name or offset such as +07:00; file-name times are read in it. */
  timeZone: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Ho_Chi_Minh or an offset such as +07:00')
    .default('UTC'),
  /** Detected camera key → the name the tenant chose. */
  renames: z.record(z.string().min(1).max(100), z.string().trim().min(1).max(100)).default({}),
  /** Detected camera keys whose files are not taken. */
  excluded: z.array(z.string().min(1).max(100)).max(500).default([]),
});
export type CameraMappingConfig = z.output<typeof cameraMappingConfigSchema>;

export const defaultCameraMapping: CameraMappingConfig = { layout: 'auto', timeZone: 'UTC', renames: {}, excluded: [] };

function isTimeZone(zone: string): boolean {
  try {
    parseTimeZone(zone);
    return true;
  } catch {
    return false;
  }
}
