import { z } from 'zod';

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
