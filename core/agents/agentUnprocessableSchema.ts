import { z } from 'zod';

const iso = z.iso.datetime({ offset: true, error: 'must be an ISO-8601 time' });

/**
 * `POST /api/agent/unprocessable-files`: a file an agent took and could not
 * process on site (a corrupt or unreadable video, a decode failure). Nothing of
 * it was uploaded; the cloud lists it on the source's page as `unprocessable`
 * with the agent's error, and counts it as a decode failure of its camera.
 * Sending it again is harmless. A route of its own, beside `/api/agent/events`,
 * so agents that never send it stay valid.
 */
export const agentUnprocessableFileSchema = z.strictObject({
  sourceId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be an id of 1 to 100 letters, digits, _ or -'),
  cameraId: z.string().min(1).max(200),
  file: z.strictObject({
    /** The file's content fingerprint on the agent (as in its events and uploads). */
    fileId: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, 'must be the file fingerprint'),
    name: z.string().min(1).max(255),
    /** Where it sits under the source's folder, folders joined by '/', ending with the name. */
    relativePath: z.string().min(1).max(1000),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a day such as 2025-07-18').nullable(),
    size: z.number().int().min(0).max(5 * 1024 ** 4, 'must be at most 5 TiB'),
    /** When its recording began, from its name or else its modification time; null when neither is known. */
    recordedAt: iso.nullable(),
  }),
  /** Why it could not be processed, in the agent's (English) words: ffmpeg's error, for example. */
  error: z.string().trim().min(1, 'must say why the file could not be processed').max(2000),
});

export type AgentUnprocessableFileBody = z.input<typeof agentUnprocessableFileSchema>;

/** `POST /api/agent/unprocessable-files` answer. */
export interface AgentUnprocessableFileView {
  /** False when the file was already delivered processed: a late report does not undo that. */
  readonly recorded: boolean;
}
