import type { AgentConfig } from '../edge/agentConfigSchema';
import type { AgentHeartbeat, AgentStatus } from '../agents/agent';
import type { IsoDate } from './collections';
import type { CleanupSummary } from '../agents/agent';
import type { CameraMappingConfig } from '../cameras/cameraMappingConfig';
import type { MappingPreviewView } from './googleApi';
import type { FolderProblemCode } from '../agents/folderListing';

export type { AgentConfig, AgentHeartbeat, AgentStatus, CleanupSummary };

/** An edge agent in `GET /api/agents` and the answers of the routes that change one. */
export interface AgentView {
  readonly id: string;
  readonly name: string;
  readonly status: AgentStatus;
  /** Active and heard from within three heartbeats. */
  readonly online: boolean;
  readonly lastSeenAt: IsoDate | null;
  readonly enrolledAt: IsoDate | null;
  readonly createdAt: IsoDate;
  readonly version: string | null;
  /** Older than the version this deployment ships. */
  readonly outdated: boolean;
  readonly hostname: string | null;
  readonly disk: { readonly usedBytes: number; readonly freeBytes: number } | null;
  readonly queueDepth: number | null;
  readonly uploadBytesPerSec: number | null;
  readonly sources: AgentHeartbeat['sources'];
  /** Batches of events and clips waiting for upload (null: the agent does not report it). */
  readonly uploadBacklog: number | null;
  /** The disk guard: whether new footage is refused now, and its last deletions (null: the agent does not report it). */
  readonly diskCleanup: { readonly refusingNew: boolean; readonly last: CleanupSummary | null } | null;
}

/** `POST /api/agents/{agentId}/listing` body: the folder to look into and the mapping to preview it with. */
export interface AgentListingBody {
  readonly path: string;
  readonly mapping?: CameraMappingConfig;
}

/**
 * `POST /api/agents/{agentId}/listing` answer. `waiting`: the agent has been
 * asked and lists the folder when it next checks in (within a minute, then
 * every few seconds while the form is open). `ready`: its listing, mapped.
 */
export interface AgentListingView {
  readonly state: 'waiting' | 'ready';
  readonly agentOnline: boolean;
  readonly listedAt: IsoDate | null;
  /** Why the agent could not read the folder, in English; null when it could. */
  readonly error: string | null;
  /** The code of `error` for a client to word (null from agents that send none; see FolderProblemCode). */
  readonly errorCode: FolderProblemCode | null;
  readonly preview: MappingPreviewView | null;
}

/** `POST /api/agents` (a new agent) and `POST /api/agents/{agentId}/enrolment` (enrol again): shown once. */
export interface EnrolmentView {
  readonly agent: AgentView;
  readonly code: string;
  readonly expiresAt: IsoDate;
  /** What to paste on a fresh Debian/Ubuntu box: downloads the release from this site, checks its SHA-256, installs the service and enrols with the code (core/agents/agentInstallCommand.ts). */
  readonly command: string;
}

/** `POST /api/agents` body. */
export interface CreateAgentBody {
  readonly name: string;
}

/** `PATCH /api/agents/{agentId}` body. */
export interface RenameAgentBody {
  readonly name: string;
}

/** `POST /api/agent/enrol` body, sent by `vtrack-agent enrol`. */
export interface EnrolBody {
  readonly code: string;
}

/** `POST /api/agent/enrol` answer: the agent's own credential, shown to nobody else and stored only hashed. */
export interface EnrolledView {
  readonly agentId: string;
  readonly tenantId: string;
  readonly credential: string;
}

export type { StartUploadBody, PartUrlBody, CompleteUploadBody, UploadRefBody } from '../agents/agentUploadSchemas';
export type { AgentEventsBody, AgentEventWire, ProcessedFileWire } from '../agents/agentEventsSchema';
export type { AgentUnprocessableFileBody, AgentUnprocessableFileView } from '../agents/agentUnprocessableSchema';

/** `POST /api/agent/uploads` answer: the upload's id and how to cut the file (every part `partSize` bytes, the last one the rest). */
export interface UploadView {
  readonly uploadId: string;
  readonly partSize: number;
  readonly partCount: number;
}

/** `POST /api/agent/uploads/part-url` answer: PUT the part's bytes to `url` with these headers before `expiresAt`. */
export interface PartUrlView {
  readonly url: string;
  readonly headers: { readonly 'content-md5': string };
  readonly expiresAt: IsoDate;
}

/** `POST /api/agent/uploads/complete` answer. */
export interface CompletedUploadView {
  readonly uploadId: string;
  readonly bytes: number;
  readonly etag: string | null;
}

/** `POST /api/agent/events` answer: ids of stored events the window no longer has. */
export interface AgentEventsView {
  readonly stored: number;
  readonly removed: readonly string[];
}
