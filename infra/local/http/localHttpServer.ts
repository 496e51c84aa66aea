import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { BearerVerifier } from '../auth/bearerVerifier';
import type { DownloadFile } from '../agent/agentReleaseDownloads';
import type { LoadedFunction } from '../lambda/loadCatalogHandlers';
import { localLambdaContext } from '../lambda/localLambdaContext';
import type { RunningService } from '../runningService';
import { listenOnLoopback } from './listenOnLoopback';
import type { LocalRoute } from './localRoute';
import { compileRoute, matchRoute, type CompiledRoute } from './routeTable';
import { serveStatic } from './serveStatic';
import { toHttpApiEvent } from './toHttpApiEvent';

/** API Gateway's payload limit for HTTP APIs. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface LocalHttpServerOptions {
  readonly functions: ReadonlyMap<string, LoadedFunction>;
  readonly webDir: string;
  /** Plays the JWT authorizer: local HS256 tokens, or Cognito's RS256 ones. */
  readonly verifyBearer: BearerVerifier;
  readonly port: number;
  /** Sent on every page, asset and download, as CloudFront's response-headers policy does (infra/shared/siteSecurityPolicy.ts). */
  readonly securityHeaders?: Readonly<Record<string, string>>;
  /** Sent on every answer under /api instead, as the API behaviour's policy does (apiSecurityPolicy). */
  readonly apiSecurityHeaders?: Readonly<Record<string, string>>;
  readonly onError?: (error: unknown) => void;
  /** Files under /downloads/ (the agent release), by name; null is a 404. Served without sign-in, like the web bucket's files. */
  readonly downloads?: (name: string) => Promise<DownloadFile | null>;
  /** Routes only the local stack has (the sample offer of `npm start`), keyed `METHOD /path`; signed in like the catalogue's. */
  readonly localRoutes?: Readonly<Record<string, LocalRoute>>;
}

/**
 * Plays API Gateway (HTTP API, JWT authorizer) and CloudFront for local mode:
 * `/api/*` goes to the catalogue's handlers as payload v2 events, after the
 * bearer token is verified as the JWT authorizer would; anything else is the
 * built web app. Every response carries the site's or the API's security headers.
 */
export async function startLocalHttpServer(options: LocalHttpServerOptions): Promise<RunningService> {
  const routes: CompiledRoute<LoadedFunction>[] = [];
  for (const loaded of options.functions.values()) {
    for (const routeKey of loaded.spec.routes ?? []) routes.push(compileRoute(routeKey, loaded));
  }

  const server = createServer((request, response) => {
    // writeHead merges these in, so every answer below carries them: pages, assets, API and errors.
    const headers = isApiPath(request.url ?? '/') ? options.apiSecurityHeaders : options.securityHeaders;
    for (const [name, value] of Object.entries(headers ?? {})) response.setHeader(name, value);
    handle(options, routes, request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendJson(response, 500, { message: 'Internal Server Error' });
      else response.destroy();
    });
  });
  return listenOnLoopback(server, options.port);
}

/** `/api` and below, as CloudFront's `/api/*` behaviour and handle() below route them. */
function isApiPath(requestUrl: string): boolean {
  const pathname = requestUrl.split('?')[0] ?? '';
  return pathname === '/api' || pathname.startsWith('/api/');
}

async function handle(
  options: LocalHttpServerOptions,
  routes: readonly CompiledRoute<LoadedFunction>[],
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const method = request.method ?? 'GET';
  if (!isWellEncoded(url.pathname)) {
    // CloudFront and API Gateway refuse these too; nothing past this point has to decode them.
    return sendJson(response, 400, { error: { code: 'validation_error', field: 'path', message: 'path: malformed percent-encoding' } });
  }
  if (url.pathname !== '/api' && !url.pathname.startsWith('/api/')) {
    if (method !== 'GET' && method !== 'HEAD') return sendJson(response, 405, { message: 'Method Not Allowed' });
    if (options.downloads !== undefined && url.pathname.startsWith('/downloads/')) return serveDownload(options.downloads, url.pathname.slice('/downloads/'.length), method, response);
    return serveStatic(options.webDir, url.pathname, response);
  }

  const local = options.localRoutes?.[`${method} ${url.pathname}`];
  if (local !== undefined) return handleLocal(options, local, request, response);
  const match = matchRoute(routes, method, url.pathname);
  if (match === null) return sendJson(response, 404, { message: 'Not Found' });
  const { spec, handler } = match.route.target;

  let claims: Record<string, string> | null = null;
  if (spec.authenticated !== false) {
    const bearer = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
    if (bearer === undefined) return sendJson(response, 401, { message: 'Unauthorized' });
    try {
      claims = await options.verifyBearer(bearer);
    } catch {
      return sendJson(response, 401, { message: 'Unauthorized' });
    }
  }

  const body = await readBody(request);
  if (body === null) return sendJson(response, 413, { message: 'Request Entity Too Large' });
  const event = toHttpApiEvent({ request, url, routeKey: match.route.routeKey, pathParameters: match.pathParameters, body, claims });
  const result = (await handler(event, localLambdaContext(spec.name, spec.timeoutSeconds ?? 29))) as APIGatewayProxyStructuredResultV2 | string;
  writeResult(response, result);
}

async function handleLocal(options: LocalHttpServerOptions, route: LocalRoute, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const bearer = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
  if (bearer === undefined) return sendJson(response, 401, { message: 'Unauthorized' });
  let tenantId: string | undefined;
  try {
    tenantId = (await options.verifyBearer(bearer))['custom:tenantId'];
  } catch {
    return sendJson(response, 401, { message: 'Unauthorized' });
  }
  if (tenantId === undefined || tenantId === '') return sendJson(response, 401, { message: 'Unauthorized' });
  const body = await readBody(request);
  if (body === null) return sendJson(response, 413, { message: 'Request Entity Too Large' });
  try {
    const result = await route({ bearer, tenantId, body });
    sendJson(response, result.status, result.body);
  } catch (error) {
    options.onError?.(error);
    const message = error instanceof Error ? error.message : String(error);
    sendJson(response, 503, { error: { code: 'unavailable', message: `This computer's edge agent could not be set up: ${message}` } });
  }
}

async function serveDownload(downloads: NonNullable<LocalHttpServerOptions['downloads']>, name: string, method: string, response: ServerResponse): Promise<void> {
  let found: DownloadFile | null;
  try {
    found = await downloads(name);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    return void response.end(`The agent release could not be built: ${message}\n`);
  }
  if (found === null) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return void response.end('Not Found\n');
  }
  const { size } = await stat(found.file);
  response.writeHead(200, { 'content-type': found.contentType, 'content-length': size, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  if (method === 'HEAD') return void response.end();
  await pipeline(createReadStream(found.file), response);
}

function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string): void {
  if (typeof result === 'string') return sendJson(response, 200, JSON.parse(result) as unknown);
  const headers: Record<string, string | number | boolean | string[]> = { ...(result.headers ?? {}) };
  if (result.cookies !== undefined) headers['set-cookie'] = result.cookies;
  response.writeHead(result.statusCode ?? 200, headers as Record<string, string | string[]>);
  if (result.body === undefined) return void response.end();
  response.end(result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body);
}

async function readBody(request: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function isWellEncoded(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
