import { UnauthorizedError, ValidationError } from '../../core/errors';
import type { Identity } from '../../core/identity/identity';
import type { HttpEvent, HttpRequest } from './httpTypes';

/** Largest JSON body any route accepts; bigger ones are refused before parsing. */
const MAX_BODY_BYTES = 256 * 1024;

export function parseHttpRequest(event: HttpEvent): HttpRequest {
  return {
    routeKey: event.routeKey,
    pathParameters: event.pathParameters ?? {},
    query: event.queryStringParameters ?? {},
    body: parseBody(event),
    // Hand-built events (tests, other callers) may carry no http context.
    sourceIp: (event.requestContext as Partial<HttpEvent['requestContext']>).http?.sourceIp ?? null,
    headers: lowerCaseKeys(event.headers ?? {}),
  };
}

function parseBody(event: HttpEvent): unknown {
  if (event.body === undefined || event.body === '') return undefined;
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new ValidationError('body', 'body: too large');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ValidationError('body', 'body: must be valid JSON', { cause: error });
  }
}

/**
 * The identity the JWT authorizer verified: API Gateway in AWS, the local
 * server in local mode. Never taken from the body or query.
 */
export function identityFromClaims(event: HttpEvent): Identity {
  const claims = event.requestContext.authorizer?.jwt?.claims ?? {};
  const tenantId = claims['custom:tenantId'];
  const userId = claims['sub'];
  if (typeof tenantId !== 'string' || tenantId === '' || typeof userId !== 'string' || userId === '') {
    throw new UnauthorizedError('sign in to continue');
  }
  const email = claims['email'];
  return { tenantId, userId, email: typeof email === 'string' ? email : null };
}

function lowerCaseKeys(headers: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
