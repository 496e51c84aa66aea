import { z } from 'zod';
import { agentHeartbeatSchema } from '../../../core/agents/agent';
import { agentConfigFor } from '../../../core/agents/agentConfigFor';
import { enrolAgent, type EnrolmentDeps } from '../../../core/agents/enrolment';
import type { EnrolledView } from '../../../core/api/agentsApi';
import type { AccountRepository } from '../../../core/ports/accountRepository';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import { agentHttpHandler } from '../../middleware/agentHttpHandler';
import { json, noContent } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';
import { abortAgentUploads, isStale } from '../../../core/agents/agentUploads';
import { agentUploadRoutes, type AgentUploadRouteDeps } from './agentUploadRoutes';

const enrolSchema = z.strictObject({ code: z.string().min(1, 'must not be empty').max(40, 'is too long') });

export interface AgentApiDeps extends EnrolmentDeps, AgentUploadRouteDeps {
  readonly sources: SourceRepository;
  readonly accounts: AccountRepository;
  readonly logger: Logger;
}

/** The routes an edge agent calls: enrol once, then pull its configuration, report heartbeats, upload and send its events. */
export function makeHandler(deps: () => AgentApiDeps) {
  return agentHttpHandler(
    {
      enrol: {
        'POST /api/agent/enrol': async (request) => {
          const { code } = parseWith(enrolSchema, request.body);
          const { agent, credential } = await enrolAgent(code, deps());
          deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id }, 'agent enrolled');
          return json(201, { agentId: agent.id, tenantId: agent.tenantId, credential } satisfies EnrolledView);
        },
      },
      agent: {
        'GET /api/agent/config': async ({ agent }) => {
          const [sources, tenant] = await Promise.all([deps().sources.list(agent.tenantId), deps().accounts.getTenant(agent.tenantId)]);
          const { config, hash, changed } = agentConfigFor(agent, sources, tenant?.timeZone ?? null, deps().clock.now().getTime());
          if (changed) await deps().agents.saveConfigRevision(agent.tenantId, agent.id, agent.config?.hash ?? null, { hash, revision: config.revision });
          return json(200, config);
        },
        'POST /api/agent/heartbeat': async ({ agent, body }) => {
          const heartbeat = parseWith(agentHeartbeatSchema, body);
          await deps().agents.recordHeartbeat(agent.tenantId, agent.id, heartbeat, deps().clock.now().toISOString());
          // Uploads this agent started and left untouched for a day are aborted: none stays open for good.
          const aborted = await abortAgentUploads(agent.tenantId, agent.id, isStale(deps().clock.now().getTime()), deps());
          if (aborted > 0) deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, aborted }, 'stale agent uploads aborted');
          return noContent();
        },
        ...agentUploadRoutes(deps),
      },
    },
    deps,
  );
}

export const handler = makeHandler(appDependencies);
