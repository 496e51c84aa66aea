import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Role } from '../../core/accounts/role';
import type { Identity } from '../../core/identity/identity';

/** API Gateway HTTP API (payload v2) event with a JWT authorizer, in AWS and locally alike. */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route sees once the middleware has parsed and verified the request. */
export interface HttpRequest {
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
  /** The caller's address as API Gateway saw it (for per-address limits); null when unknown. */
  readonly sourceIp: string | null;
  /** Request headers, names in lower case (API Gateway's payload v2 has them so). */
  readonly headers: Readonly<Record<string, string | undefined>>;
}

export interface AuthenticatedRequest extends HttpRequest {
  readonly identity: Identity;
  /** The caller's role in the tenant, from their member row; the route's own role check has passed. */
  readonly role: Role;
}

export function json(statusCode: number, body: unknown): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
  };
}

export function noContent(): HttpResult {
  return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
}
