import { agentEventsSchema } from '../../../core/agents/agentEventsSchema';
import { agentUnprocessableFileSchema } from '../../../core/agents/agentUnprocessableSchema';
import { recordUnprocessableFile } from '../../../core/agents/recordUnprocessableFile';
import { deliverAgentBatch, type AgentBatchDeps } from '../../../core/agents/deliverAgentBatch';
import { completeUploadSchema, partUrlSchema, startUploadSchema, uploadRefSchema } from '../../../core/agents/agentUploadSchemas';
import { abortAgentUpload, agentPartUrl, agentSource, completeAgentUpload, startAgentUpload, type AgentUploadDeps } from '../../../core/agents/agentUploads';
import type { AgentEventsView, AgentUnprocessableFileView } from '../../../core/api/agentsApi';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import type { AgentRoute } from '../../middleware/agentHttpHandler';
import { json, noContent } from '../../middleware/httpTypes';

export interface AgentUploadRouteDeps extends AgentUploadDeps, Omit<AgentBatchDeps, 'objectStore'> {
  readonly logger: Logger;
}

/**
 * The agent's upload routes: start a multipart upload of a clip or footage file
 * of one of its sources (the cloud chooses the key), a short-lived URL per part,
 * complete, abort; and its events for a camera window with the file they came
 * from (which the source's page then lists, with a run); and a file it could
 * not process on site (listed as unprocessable). Bodies carry the upload
 * id, so every route is a plain path the credential check guards first.
 */
export function agentUploadRoutes(deps: () => AgentUploadRouteDeps): Record<string, AgentRoute> {
  return {
    'POST /api/agent/uploads': async ({ agent, body }) => {
      const view = await startAgentUpload(agent, parseWith(startUploadSchema, body), deps());
      deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, uploadId: view.uploadId, parts: view.partCount }, 'agent upload started');
      return json(201, view);
    },
    'POST /api/agent/uploads/part-url': async ({ agent, body }) => json(200, await agentPartUrl(agent, parseWith(partUrlSchema, body), deps())),
    'POST /api/agent/uploads/complete': async ({ agent, body }) => {
      const view = await completeAgentUpload(agent, parseWith(completeUploadSchema, body), deps());
      deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, uploadId: view.uploadId, bytes: view.bytes }, 'agent upload completed');
      return json(200, view);
    },
    'POST /api/agent/uploads/abort': async ({ agent, body }) => {
      await abortAgentUpload(agent, parseWith(uploadRefSchema, body).uploadId, deps());
      return noContent();
    },
    'POST /api/agent/events': async ({ agent, body }) => {
      const parsed = parseWith(agentEventsSchema, body);
      const removed = await deliverAgentBatch(agent, parsed, deps());
      return json(200, { stored: parsed.events.length, removed } satisfies AgentEventsView);
    },
    'POST /api/agent/unprocessable-files': async ({ agent, body }) => {
      const parsed = parseWith(agentUnprocessableFileSchema, body);
      const source = await agentSource(agent, parsed.sourceId, deps().sources);
      const recorded = await recordUnprocessableFile(agent, source, parsed, deps());
      deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, sourceId: source.id, file: parsed.file.name, recorded }, 'agent reported an unprocessable file');
      return json(200, { recorded } satisfies AgentUnprocessableFileView);
    },
  };
}
