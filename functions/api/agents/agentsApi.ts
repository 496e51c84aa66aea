import { z } from 'zod';
import { issueEnrolmentCode } from '../../../core/agents/enrolment';
import { agentInstallCommand } from '../../../core/agents/agentInstallCommand';
import { toAgentView } from '../../../core/agents/toAgentView';
import { agentNameSchema } from '../../../core/agents/agentName';
import type { AgentView, EnrolmentView } from '../../../core/api/agentsApi';
import type { ListOf } from '../../../core/api/collections';
import { AGENT_VERSION } from '../../../core/edge/agentVersion';
import type { AgentRepository } from '../../../core/ports/agentRepository';
import type { Clock } from '../../../core/ports/clock';
import type { IdGenerator } from '../../../core/ports/idGenerator';
import type { SecretGenerator } from '../../../core/ports/secretGenerator';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import { pathId } from '../../middleware/pathId';
import type { GateAccounts } from '../../middleware/httpApiHandler';
import { json, type AuthenticatedRequest } from '../../middleware/httpTypes';
import { appDependencies } from '../../wiring';
import { NotFoundError } from '../../../core/errors';
import { localConfigSchema } from '../../../core/sources/sourceSchemas';
import { cameraMappingConfigSchema, defaultCameraMapping } from '../../../core/cameras/cameraMappingConfig';
import { listingRequestFor } from '../../../core/agents/listingRequests';
import { agentListingView } from '../../../core/agents/agentListingView';
import { abortAgentUploads } from '../../../core/agents/agentUploads';
import type { AgentUploadRepository } from '../../../core/ports/agentUploadRepository';
import type { ObjectStore } from '../../../core/ports/objectStore';

const listingBodySchema = z.strictObject({ path: localConfigSchema.shape.path, mapping: cameraMappingConfigSchema.optional() });

const nameSchema = z.strictObject({ name: agentNameSchema });

export interface AgentsApiDeps {
  readonly agents: AgentRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secrets: SecretGenerator;
  readonly logger: Logger;
  readonly publicUrl: string | null;
  /** Only to refuse tokens of a tenant that does not exist. */
  readonly accounts: GateAccounts;
  /** A revoked agent's open uploads are aborted with it. */
  readonly agentUploads: AgentUploadRepository;
  readonly objectStore: ObjectStore;
}

function agentIdOf(request: AuthenticatedRequest): string {
  return pathId(request, 'agentId');
}

/**
 * The command shown beside a code: download, check, install and enrol on a
 * fresh box. The site is the configured public URL; without one (AWS without
 * Google settings) the origin the browser sent with the request, which is the
 * site's own (the API answers under the site's origin); else a placeholder.
 */
function enrolCommand(publicUrl: string | null, request: AuthenticatedRequest, code: string): string {
  return agentInstallCommand({ siteUrl: publicUrl ?? originOf(request.headers['origin']) ?? '<this site URL>', code, version: AGENT_VERSION });
}

/** An http(s) origin as sent in an Origin header, or null for anything else ("null", a path, garbage). */
function originOf(header: string | undefined): string | null {
  if (header === undefined) return null;
  try {
    const url = new URL(header);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === header ? url.origin : null;
  } catch {
    return null;
  }
}

/** A tenant's edge agents: enrolment codes, the list with their health, rename and revoke. */
export function makeHandler(deps: () => AgentsApiDeps) {
  const view = (agent: Parameters<typeof toAgentView>[0]): AgentView => toAgentView(agent, deps().clock.now().getTime(), AGENT_VERSION);
  const enrolment = async (request: AuthenticatedRequest, input: { tenantId: string; name?: string; agentId?: string }) => {
    const { agent, code, expiresAt } = await issueEnrolmentCode(input, deps());
    return json(201, { agent: view(agent), code, expiresAt, command: enrolCommand(deps().publicUrl, request, code) } satisfies EnrolmentView);
  };
  return authenticatedHttpHandler(
    {
      'GET /api/agents': async (request) => {
        const agents = await deps().agents.list(request.identity.tenantId);
        return json(200, { items: agents.map(view) } satisfies ListOf<AgentView>);
      },
      'POST /api/agents': async (request) => enrolment(request, { tenantId: request.identity.tenantId, name: parseWith(nameSchema, request.body).name }),
      'POST /api/agents/{agentId}/enrolment': async (request) => enrolment(request, { tenantId: request.identity.tenantId, agentId: agentIdOf(request) }),
      'PATCH /api/agents/{agentId}': async (request) => {
        const { name } = parseWith(nameSchema, request.body);
        return json(200, view(await deps().agents.rename(request.identity.tenantId, agentIdOf(request), name)));
      },
      'POST /api/agents/{agentId}/listing': async (request) => {
        const input = parseWith(listingBodySchema, request.body);
        const agent = await deps().agents.get(request.identity.tenantId, agentIdOf(request));
        if (agent === null || agent.status === 'revoked') throw new NotFoundError('agent not found');
        const nowMs = deps().clock.now().getTime();
        const ask = listingRequestFor(agent, input.path, nowMs);
        if (ask !== null) await deps().agents.requestListing(agent.tenantId, agent.id, ask);
        return json(200, await agentListingView(agent, input.path, input.mapping ?? defaultCameraMapping, view(agent).online));
      },
      'POST /api/agents/{agentId}/revoke': async (request) => {
        const agent = await deps().agents.revoke(request.identity.tenantId, agentIdOf(request), deps().clock.now().toISOString());
        const aborted = await abortAgentUploads(agent.tenantId, agent.id, () => true, deps());
        deps().logger.info({ tenantId: agent.tenantId, agentId: agent.id, abortedUploads: aborted }, 'agent revoked');
        return json(200, view(agent));
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

export const handler = makeHandler(() => {
  const app = appDependencies();
  return { ...app, publicUrl: app.config.publicUrl };
});
