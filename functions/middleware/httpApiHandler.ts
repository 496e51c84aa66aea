import middy from '@middy/core';
import { NotFoundError } from '../../core/errors';
import type { Logger } from '../../adapters/logging/logger';
import type { AccountRepository } from '../../core/ports/accountRepository';
import type { Clock } from '../../core/ports/clock';
import { httpErrorHandler } from './httpErrorHandler';
import { makeTenantGate } from './tenantGate';
import { makeMembershipGate, type MembershipAccounts } from './membershipGate';
import { originGuardFromEnvironment, type OriginGuard } from './originGuard';
import { makeTenantRateGate, tenantRateDepsFromApp, type TenantRateDeps } from './tenantRateGate';
import type { AuthenticatedRequest, HttpEvent, HttpRequest, HttpResult } from './httpTypes';
import { identityFromClaims, parseHttpRequest } from './parseHttpRequest';

export type PublicRoute = (request: HttpRequest) => Promise<HttpResult>;
export type AuthenticatedRoute = (request: AuthenticatedRequest) => Promise<HttpResult>;

/** Routes of one function keyed by API Gateway route key (`GET /api/sources/{sourceId}`). */
export type Routes<R> = Readonly<Record<string, R>>;

function dispatch<R>(routes: Routes<R>, routeKey: string): R {
  const route = routes[routeKey];
  if (route === undefined) throw new NotFoundError(`no route ${routeKey}`);
  return route;
}

/** What the shared stack reads about the caller: their tenant and their membership in it. */
export type GateAccounts = Pick<AccountRepository, 'getTenant'> & MembershipAccounts;

/**
 * The shared stack for routes that need a signed-in identity: the request came
 * through the site's CloudFront (AWS), the token's tenant must exist
 * (`accounts`), the tenant has requests left in its rate window, whatever the
 * route, and the caller is a member whose role the route allows (the catalogue
 * says which).
 */
export function authenticatedHttpHandler(
  routes: Routes<AuthenticatedRoute>,
  logger: () => Logger,
  accounts: () => GateAccounts,
  edge: { readonly origin?: OriginGuard; readonly rate?: () => TenantRateDeps; readonly clock?: Clock } = {},
) {
  const tenantGate = makeTenantGate(accounts);
  const rateGate = makeTenantRateGate(edge.rate ?? tenantRateDepsFromApp);
  const membershipGate = makeMembershipGate(accounts, edge.clock);
  return middy<HttpEvent, HttpResult>()
    .use(httpErrorHandler(logger))
    .handler(async (event) => {
      await (edge.origin ?? originGuardFromEnvironment())(event);
      const identity = identityFromClaims(event);
      await tenantGate(identity.tenantId);
      await rateGate(identity.tenantId);
      const route = dispatch(routes, event.routeKey);
      const role = await membershipGate(identity, event.routeKey);
      return route({ ...parseHttpRequest(event), identity, role });
    });
}

/** The shared stack for health and sign-in routes, reachable without a token (but only through the site's CloudFront in AWS). */
export function publicHttpHandler(routes: Routes<PublicRoute>, logger: () => Logger, origin?: OriginGuard) {
  return middy<HttpEvent, HttpResult>()
    .use(httpErrorHandler(logger))
    .handler(async (event) => {
      await (origin ?? originGuardFromEnvironment())(event);
      return dispatch(routes, event.routeKey)(parseHttpRequest(event));
    });
}
