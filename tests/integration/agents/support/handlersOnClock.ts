import type { Context } from 'aws-lambda';
import type { Clock } from '../../../../core/ports/clock';
import { makeHandler as makeAgentApi } from '../../../../functions/api/agent/agentApi';
import { makeHandler as makeAgentsApi } from '../../../../functions/api/agents/agentsApi';
import type { HttpEvent, HttpResult } from '../../../../functions/middleware/httpTypes';
import { appDependencies } from '../../../../functions/wiring';
import type { ApiResponse } from '../../../support/localStackHarness';

/** A clock the test sets by hand: the one thing that differs from the running stack's handlers. */
export class SetClock implements Clock {
  constructor(private ms: number) {}
  now(): Date {
    return new Date(this.ms);
  }
  set(at: string | number): void {
    this.ms = typeof at === 'number' ? at : Date.parse(at);
  }
}

/** Who calls: a signed-in member (claims as the JWT authorizer hands them over), an agent (its credential) or nobody (enrolment). */
export type Caller = { readonly tenantId: string; readonly userId: string } | { readonly credential: string } | null;

function eventFor(routeKey: string, caller: Caller, body: unknown, pathParameters: Readonly<Record<string, string>>): HttpEvent {
  const [, template = ''] = routeKey.split(' ');
  const rawPath = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParameters[name] ?? ''));
  const claims = caller !== null && 'userId' in caller ? { sub: caller.userId, 'custom:tenantId': caller.tenantId } : null;
  return {
    routeKey,
    rawPath,
    pathParameters,
    headers: caller !== null && 'credential' in caller ? { authorization: `Bearer ${caller.credential}` } : {},
    requestContext: { ...(claims === null ? {} : { authorizer: { jwt: { claims, scopes: [] } } }), http: { sourceIp: '127.0.0.1' } },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  } as unknown as HttpEvent;
}

/**
 * The deployed agent handlers (`functions/api/agent` and `functions/api/agents`)
 * wired to the running local stack's tables exactly as its server wires them,
 * except for the clock: time moves in the test, no one waits for it. Start the
 * stack first: its environment is what `appDependencies` reads.
 */
export function agentHandlersOn(clock: Clock) {
  const agentApi = makeAgentApi(() => ({ ...appDependencies(), clock }));
  const agentsApi = makeAgentsApi(() => ({ ...appDependencies(), publicUrl: null, clock }));
  const call = async <T>(handler: typeof agentApi, event: HttpEvent): Promise<ApiResponse<T>> => {
    const result = (await handler(event, {} as Context)) as HttpResult;
    return { status: result.statusCode ?? 0, body: (result.body === undefined || result.body === '' ? {} : JSON.parse(result.body)) as T };
  };
  return {
    /** A route an agent calls (`/api/agent/...`). */
    agent: <T = Record<string, unknown>>(routeKey: string, caller: Caller, body?: unknown) => call<T>(agentApi, eventFor(routeKey, caller, body, {})),
    /** A route of the Agents page (`/api/agents...`); `pathParameters` fill the route key's `{agentId}`. */
    agents: <T = Record<string, unknown>>(routeKey: string, caller: Caller, body?: unknown, pathParameters: Readonly<Record<string, string>> = {}) =>
      call<T>(agentsApi, eventFor(routeKey, caller, body, pathParameters)),
  };
}
