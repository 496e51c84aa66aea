import { z } from 'zod';
import { folderListingSchema, type FolderListing } from './folderListing';
import { cameraHeartbeatSchema, discoveredCameraSchema } from '../edge/cameraHeartbeatSchema';

/** What an agent reports every minute (POST /api/agent/heartbeat). */
export const agentHeartbeatSchema = z.strictObject({
  version: z.string().trim().min(1).max(40),
  hostname: z.string().trim().min(1).max(255),
  uptimeSec: z.number().int().min(0),
  disk: z.strictObject({ usedBytes: z.number().int().min(0), freeBytes: z.number().int().min(0) }),
  queueDepth: z.number().int().min(0),
  uploadBytesPerSec: z.number().min(0),
  sources: z
    .array(
      z.strictObject({
        sourceId: z.string().min(1).max(100),
        state: z.enum(['watching', 'paused', 'error']),
        error: z.string().max(500).nullable(),
      }),
    )
    .max(200),
  /** The disk guard: footage deleted since the last heartbeat (each with why) and whether new footage is refused. Older agents send none. */
  diskCleanup: z
    .strictObject({
      refusingNew: z.boolean(),
      deleted: z
        .array(z.strictObject({ file: z.string().max(1000), bytes: z.number().int().min(0), reason: z.enum(['retention', 'uploaded_oldest', 'unreadable_reported', 'not_uploaded_dropped']), at: z.string().max(40) }))
        .max(100),
      /** Deletions beyond the 100 listed. */
      moreDeleted: z.number().int().min(0),
    })
    .optional(),
  /** Batches of events and clips waiting for upload. Older agents send none. */
  uploadBacklog: z.number().int().min(0).optional(),
  /** The answer to a folder listing the web app asked for (core/agents/folderListing.ts). */
  listing: folderListingSchema.optional(),
  /** Cameras the agent records (core/edge/cameraHeartbeatSchema). Older agents send none. */
  cameras: z.array(cameraHeartbeatSchema).max(64).optional(),
  /** ONVIF devices found on the agent's LAN, when the configuration asks it to look. */
  discoveredCameras: z.array(discoveredCameraSchema).max(64).optional(),
});
export type AgentHeartbeat = z.output<typeof agentHeartbeatSchema>;

export type AgentStatus = 'pending' | 'active' | 'revoked';

/** An edge agent as stored. Its credential is kept only as a SHA-256 hash. */
export interface Agent {
  readonly tenantId: string;
  readonly id: string;
  readonly name: string;
  /** pending: a code was issued and not used yet; revoked: its credential is refused. */
  readonly status: AgentStatus;
  readonly credentialHash: string | null;
  readonly createdAt: string;
  readonly enrolledAt: string | null;
  readonly lastSeenAt: string | null;
  readonly heartbeat: (AgentHeartbeat & { readonly at: string }) | null;
  /** The configuration last handed out: its content hash and revision (see agentConfigRevision). */
  readonly config: { readonly hash: string; readonly revision: number } | null;
  /** The disk guard's last deletions (core/agents/cleanupSummary.ts); absent on agents that never deleted. */
  readonly lastCleanup?: CleanupSummary | null;
  /** The folder the web app last asked this agent to list (absent: never asked). */
  readonly listingRequest?: { readonly path: string; readonly requestedAt: string } | null;
  /** The agent's last folder listing (absent: none yet). */
  readonly listingAnswer?: (FolderListing & { readonly at: string }) | null;
}

/** What the Agents page says about the disk guard's last deletions. */
export interface CleanupSummary {
  readonly at: string;
  readonly files: number;
  readonly bytes: number;
  /** How many files for each reason (core/edge/planDiskCleanup.ts). */
  /** `unreadable_reported`: absent in summaries stored before the disk guard reclaimed reported unreadable files. */
  readonly reasons: { readonly retention: number; readonly uploaded_oldest: number; readonly unreadable_reported?: number; readonly not_uploaded_dropped: number };
}

/** A one-time enrolment code as stored: only its hash, bound to the agent it enrols. */
export interface EnrolmentCode {
  readonly codeHash: string;
  readonly tenantId: string;
  readonly agentId: string;
  readonly expiresAt: string;
}
