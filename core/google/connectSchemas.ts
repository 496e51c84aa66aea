import { z } from 'zod';
import { cameraMappingConfigSchema } from '../cameras/cameraMappingConfig';

export const startConnectSchema = z.strictObject({
  /** Reconnect this connection instead of making a new one. */
  connectionId: z.string().min(1).max(100).optional(),
});

export const completeConnectSchema = z.strictObject({
  code: z.string().min(1, 'is missing: Google did not send a code').max(2048),
  state: z.string().min(1, 'is missing').max(200),
});

export const serviceAccountSchema = z.strictObject({
  keyJson: z.string().min(2, 'paste the JSON key file').max(20_000),
  /** The Workspace user the service account acts for (domain-wide delegation). */
  subject: z.email('must be the email of the Workspace user to act for'),
});

const folderIdsSchema = z
  .array(z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a Google Drive folder id'))
  .min(1, 'choose at least one folder')
  .max(100);

/** The saved folders of a source, to name them for the Edit form. */
export const folderNamesSchema = z.strictObject({ folderIds: folderIdsSchema });

/** The folders and camera mapping of a source not saved yet, to preview what it would take. */
export const mappingPreviewSchema = z.strictObject({
  folderIds: folderIdsSchema,
  mapping: cameraMappingConfigSchema.optional(),
});
