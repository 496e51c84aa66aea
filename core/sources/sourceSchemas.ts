import { z } from 'zod';
import { cameraMappingConfigSchema } from '../cameras/cameraMappingConfig';
import { processingSettingsSchema } from './processingSettings';

/** Sync intervals the scheduler supports: at least every 5 minutes, at most daily. */
export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 1440;

const name = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');
const intervalMinutes = z
  .number({ error: 'must be a whole number of minutes' })
  .int('must be a whole number of minutes')
  .min(MIN_INTERVAL_MINUTES, `must be at least ${MIN_INTERVAL_MINUTES} minutes`)
  .max(MAX_INTERVAL_MINUTES, `must be at most ${MAX_INTERVAL_MINUTES} minutes (one day)`);

/** Drive folder ids are URL-safe base64-ish strings; this rejects paths and URLs early. */
const driveFolderId = z.string().trim().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a Google Drive folder id');

export const googleDriveConfigSchema = z.strictObject({
  /** The Google grant to sync with; a source without one waits in needs_reauth until connected. */
  connectionId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be a connection id').optional(),
  folderIds: z.array(driveFolderId).min(1, 'choose at least one folder').max(100, 'at most 100 folders'),
  mapping: cameraMappingConfigSchema.optional(),
  /** How synced footage is processed into orders (core/sources/processingSettings.ts); absent = off. */
  processing: processingSettingsSchema.optional(),
});

export const onvifConfigSchema = z.strictObject({
  address: z
    .string()
    .trim()
    .max(260, 'must be at most 260 characters')
    .regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/, 'must be a host name or IP address, optionally with :port')
    .refine(hasValidPort, 'the port must be a number from 1 to 65535'),
  /** The agent that records it (a camera added from the Cameras page). */
  agentId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an agent id').optional(),
});

/** `host:port` or `[v6]:port`: a port, when given, is 1 to 65535. */
function hasValidPort(address: string): boolean {
  const port = /:(\d{1,5})$/.exec(address.startsWith('[') ? address.slice(address.indexOf(']')) : address)?.[1];
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}

export const localConfigSchema = z.strictObject({
  path: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(1024, 'must be at most 1024 characters')
    .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'must be an absolute path on the edge agent host'),
  /** The edge agent that watches this folder; a source without one waits until it is given one. */
  agentId: z.string().trim().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an agent id').optional(),
  mapping: cameraMappingConfigSchema.optional(),
  /** Seconds a file must stay unchanged before the agent takes it; longer for slow network shares. */
  settleSeconds: z.number().int().min(5, 'must be at least 5 seconds').max(3600, 'must be at most 3600 seconds').optional(),
  /** How the agent processes this folder's footage (core/sources/processingSettings.ts); absent = on, with the defaults. */
  processing: processingSettingsSchema.optional(),
});

export const createSourceSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('google_drive'), name, intervalMinutes, config: googleDriveConfigSchema }),
    z.strictObject({ type: z.literal('onvif'), name, intervalMinutes, config: onvifConfigSchema }),
    z.strictObject({ type: z.literal('local'), name, intervalMinutes, config: localConfigSchema }),
  ],
  { error: 'must be one of google_drive, onvif, local' },
);
export type CreateSourceInput = z.output<typeof createSourceSchema>;

/** A PATCH body; `config` is checked against the stored source's type by the caller. */
export const updateSourceSchema = z
  .strictObject({
    name: name.optional(),
    intervalMinutes: intervalMinutes.optional(),
    config: z.record(z.string(), z.unknown()).optional(),
    paused: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' });

export const configSchemaByType = {
  google_drive: googleDriveConfigSchema,
  onvif: onvifConfigSchema,
  local: localConfigSchema,
} as const;

export type SourceConfig = CreateSourceInput['config'];
