import type { AgentConfig } from '../edge/agentConfigSchema';
import type { AgentHeartbeat, AgentStatus } from '../agents/agent';
import type { IsoDate } from './collections';

export type { AgentConfig, AgentHeartbeat, AgentStatus };

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
}

/** `POST /api/agents` (a new agent) and `POST /api/agents/{agentId}/enrolment` (enrol again): shown once. */
export interface EnrolmentView {
  readonly agent: AgentView;
  readonly code: string;
  readonly expiresAt: IsoDate;
  /** What to run on the site box, code included. */
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
