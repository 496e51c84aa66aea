import middy from '@middy/core';
import type { Agent } from '../../core/agents/agent';
import { authenticateAgent } from '../../core/agents/enrolment';
import { NotFoundError } from '../../core/errors';
import type { AgentRepository } from '../../core/ports/agentRepository';
import type { Logger } from '../../adapters/logging/logger';
import { httpErrorHandler } from './httpErrorHandler';
import type { HttpEvent, HttpRequest, HttpResult } from './httpTypes';
import { parseHttpRequest } from './parseHttpRequest';
import { originGuardFromEnvironment } from './originGuard';
import { makeTenantRateGate, tenantRateDepsFromApp, type TenantRateDeps } from './tenantRateGate';

export interface AgentRequest extends HttpRequest {
  readonly agent: Agent;
}

export type AgentRoute = (request: AgentRequest) => Promise<HttpResult>;
export type EnrolRoute = (request: HttpRequest) => Promise<HttpResult>;

/**
 * The stack for routes an edge agent calls. Such routes carry no user's JWT:
 * the gateway lets them through, and each request proves itself here with the
 * agent's own credential (`Authorization: Bearer vta.…`), checked against its
 * stored hash on every call, so a revoked agent is refused at once. The tenant
 * is the agent's, never the request's, and its requests count against that
 * tenant's rate limit. Enrolment alone comes without one. In AWS every request
 * must have come through the site's CloudFront.
 */
export function agentHttpHandler(
  routes: { readonly enrol: Readonly<Record<string, EnrolRoute>>; readonly agent: Readonly<Record<string, AgentRoute>> },
  deps: () => { readonly agents: AgentRepository; readonly logger: Logger },
  rate: () => TenantRateDeps = tenantRateDepsFromApp,
) {
  const rateGate = makeTenantRateGate(rate);
  return middy<HttpEvent, HttpResult>()
    .use(httpErrorHandler(() => deps().logger))
    .handler(async (event) => {
      await originGuardFromEnvironment()(event);
      const enrol = routes.enrol[event.routeKey];
      if (enrol !== undefined) return enrol(parseHttpRequest(event));
      const route = routes.agent[event.routeKey];
      if (route === undefined) throw new NotFoundError(`no route ${event.routeKey}`);
      const header = event.headers?.['authorization'] ?? event.headers?.['Authorization'];
      const credential = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
      const agent = await authenticateAgent(credential, deps().agents);
      await rateGate(agent.tenantId);
      return route({ ...parseHttpRequest(event), agent });
    });
}
