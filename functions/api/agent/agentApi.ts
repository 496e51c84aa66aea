import { z } from 'zod';
import { agentHeartbeatSchema } from '../../../core/agents/agent';
import { agentConfigFor } from '../../../core/agents/agentConfigFor';
import { cameraDiscoveryWanted } from '../../../core/agents/cameraDiscoveryWanted';
import { cleanupSummaryOf } from '../../../core/agents/cleanupSummary';
import { heartbeatAnswerFor } from '../../../core/agents/listingRequests';
import { enrolAgent, type EnrolmentDeps } from '../../../core/agents/enrolment';
import type { EnrolledView } from '../../../core/api/agentsApi';
import type { AccountRepository } from '../../../core/ports/accountRepository';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { parseWith } from '../../../core/validation/parseWith';
import type { CameraHealthWatchList } from '../../../core/ports/cameraHealthWatchList';
import type { Logger } from '../../../adapters/logging/logger';
import { agentHttpHandler } from '../../middleware/agentHttpHandler';
import { json, noContent } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';
import { abortAgentUploads, isStale } from '../../../core/agents/agentUploads';
import { agentUploadRoutes, type AgentUploadRouteDeps } from './agentUploadRoutes';
import { agentCamerasFor } from '../../../core/cameras/agentCamerasFor';
import { agentCameraRoutes, type AgentCameraRouteDeps } from './agentCameraRoutes';

const enrolSchema = z.strictObject({ code: z.string().min(1, 'must not be empty').max(40, 'is too long') });

export interface AgentApiDeps extends EnrolmentDeps, AgentUploadRouteDeps, AgentCameraRouteDeps {
  readonly sources: SourceRepository;
  readonly accounts: AccountRepository;
  readonly logger: Logger;
  readonly cameraHealthWatch: CameraHealthWatchList;
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
          const [sources, tenant, siteCameras] = await Promise.all([deps().sources.list(agent.tenantId), deps().accounts.getTenant(agent.tenantId), deps().siteCameras.list(agent.tenantId)]);
          const cameras = await agentCamerasFor(agent.id, siteCameras, deps().sealer);
          const nowMs = deps().clock.now().getTime();
          // Whether someone opened the Cameras page lately (asking the agents to look for cameras) matters only to an agent that would not look anyway.
          const askedAt = cameraDiscoveryWanted({ agent, cameraCount: cameras.length, askedAt: null, nowMs }) ? null : await deps().siteCameras.interestAt(agent.tenantId);
          const { config, hash, changed } = agentConfigFor(agent, sources, tenant?.timeZone ?? null, nowMs, cameras, askedAt);
          if (changed) await deps().agents.saveConfigRevision(agent.tenantId, agent.id, agent.config?.hash ?? null, { hash, revision: config.revision });
          return json(200, config);
        },
        'POST /api/agent/heartbeat': async ({ agent, body }) => {
          const heartbeat = parseWith(agentHeartbeatSchema, body);
          const now = deps().clock.now();
          // A listing is kept only for the folder the web app asked for: an agent cannot fill the item with others.
          const listingAnswer = heartbeat.listing !== undefined && heartbeat.listing.path === agent.listingRequest?.path ? { ...heartbeat.listing, at: now.toISOString() } : null;
          await deps().agents.recordHeartbeat(agent.tenantId, agent.id, heartbeat, now.toISOString(), { lastCleanup: cleanupSummaryOf(heartbeat, now.toISOString()), listingAnswer });
          // Its first cameras: the scheduled health judgement looks at this tenant from now on (core/ports/cameraHealthWatchList).
          if ((heartbeat.cameras?.length ?? 0) > 0 && (agent.heartbeat?.cameras?.length ?? 0) === 0) await deps().cameraHealthWatch.watch(agent.tenantId, now.toISOString());
          // Uploads this agent started and left untouched for a day are aborted: none stays open for good.
          const aborted = await abortAgentUploads(agent.tenantId, agent.id, isStale(deps().clock.now().getTime()), deps());
          if (aborted > 0) deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, aborted }, 'stale agent uploads aborted');
          // Usually nothing to say (204); while the web app waits for a folder listing, what to list and to check in soon.
          const answer = heartbeatAnswerFor({ listingRequest: agent.listingRequest ?? null, listingAnswer: listingAnswer ?? agent.listingAnswer ?? null }, now.getTime());
          return answer === null ? noContent() : json(200, answer);
        },
        ...agentUploadRoutes(deps),
        ...agentCameraRoutes(deps),
      },
    },
    deps,
  );
}

export const handler = makeHandler(appDependencies);
