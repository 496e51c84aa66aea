// The HTTP entry point: route, authenticate, apply a scripted fault, dispatch
// to the operation's handler, send, and log what went out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { getAbout, getDrive, listDrives } from './accountHandlers';
import type { QuotaOptions } from './accountHandlers';
import { DriveHttpError } from './DriveHttpError';
import type { DriveModel } from './DriveModel';
import type { FakeOAuth } from './FakeOAuth';
import type { FaultInjector, FaultResponse } from './FaultInjector';
import { defaultReasonFor, FAULT_REASONS } from './faultReasons';
import type { FaultReason } from './faultReasons';
import { getFileMedia, getFileMetadata } from './getFile';
import type { Route } from './identifyRoute';
import { identifyRoute } from './identifyRoute';
import { getStartPageToken, listChanges } from './listChanges';
import { listFiles } from './listFiles';
import type { Principal } from './oauthTypes';
import type { Reply } from './Reply';
import { json } from './Reply';
import { countBodyBytes } from './RequestLog';
import type { RequestLog } from './RequestLog';
import { sendReply } from './sendReply';

export interface HandlerDeps {
  model: DriveModel;
  oauth: FakeOAuth;
  faults: FaultInjector;
  log: RequestLog;
  quota: QuotaOptions;
}

const UNAUTHENTICATED_HEADERS = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' };

function unauthenticated(kind: 'missing' | 'invalid'): DriveHttpError {
  // Drive's answers to a missing header and to a bad or expired token.
  return kind === 'missing'
    ? new DriveHttpError(
        401,
        { domain: 'global', reason: 'required', message: 'Login Required.', locationType: 'header', location: 'Authorization' },
        UNAUTHENTICATED_HEADERS,
      )
    : new DriveHttpError(
        401,
        { domain: 'global', reason: 'authError', message: 'Invalid Credentials', locationType: 'header', location: 'Authorization' },
        UNAUTHENTICATED_HEADERS,
      );
}

function faultReply(route: Route, fault: Extract<FaultResponse, { status: number }>): Reply {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (!route.needsBearer) {
    // OAuth endpoints answer in OAuth's own error shape.
    const error = fault.reason ?? (fault.status >= 500 ? 'internal_failure' : 'invalid_request');
    return json({ error, error_description: fault.message ?? 'Injected fault' }, fault.status, headers);
  }
  const reason = fault.reason ?? defaultReasonFor(fault.status);
  const known = FAULT_REASONS[reason as FaultReason] as { domain: string; message: string } | undefined;
  const error = new DriveHttpError(fault.status, {
    domain: known?.domain ?? 'global',
    reason,
    message: fault.message ?? known?.message ?? reason,
  });
  return json(error.body(), fault.status, headers);
}

async function readForm(req: IncomingMessage, url: URL): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  // /revoke takes the token in the query string as well as in the body.
  for (const [key, value] of url.searchParams) if (!form.has(key)) form.set(key, value);
  return form;
}

async function dispatch(deps: HandlerDeps, route: Route, req: IncomingMessage, url: URL, principal: Principal | undefined): Promise<Reply> {
  const { model, oauth } = deps;
  const query = url.searchParams;
  switch (route.operation) {
    case 'files.list':
      return listFiles(model, query);
    case 'files.get':
      return getFileMetadata(model, route.id as string, query);
    case 'files.get.media':
      return getFileMedia(model, route.id as string, query, req.headers.range);
    case 'changes.list':
      return listChanges(model, query);
    case 'changes.getStartPageToken':
      return getStartPageToken(model, query);
    case 'about.get':
      return getAbout(model, principal as Principal, query, deps.quota);
    case 'drives.list':
      return listDrives(model, query);
    case 'drives.get':
      return getDrive(model, route.id as string, query);
    case 'oauth.authorize': {
      const reply = oauth.authorize(query);
      return reply.location ? { kind: 'redirect', location: reply.location } : json(reply.body, reply.status);
    }
    case 'token': {
      const reply = oauth.token(await readForm(req, url), req.headers.authorization);
      return json(reply.body, reply.status, { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' });
    }
    case 'revoke': {
      const reply = oauth.revoke((await readForm(req, url)).get('token'));
      return json(reply.body, reply.status);
    }
    default:
      throw new DriveHttpError(404, { domain: 'global', reason: 'notFound', message: `The fake does not serve ${req.method} ${url.pathname}` });
  }
}

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = identifyRoute(method, url);
    const bytesSent = countBodyBytes(res);
    res.on('close', () => {
      deps.log.record({
        method,
        path: url.pathname,
        query: url.search,
        operation: route.operation,
        fileId: route.id,
        status: res.statusCode,
        bytesSent: bytesSent(),
        durationMs: performance.now() - started,
      });
    });

    const run = async (): Promise<void> => {
      try {
        let principal: Principal | undefined;
        if (route.needsBearer) {
          const auth = deps.oauth.authenticate(req.headers.authorization);
          if (auth === 'missing' || auth === 'invalid') throw unauthenticated(auth);
          principal = auth;
        }
        const fault = deps.faults.take({ method, path: url.pathname, operation: route.operation, fileId: route.id });
        if (fault && 'delayMs' in fault) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        const reply = fault && 'status' in fault ? faultReply(route, fault) : await dispatch(deps, route, req, url, principal);
        await sendReply(res, reply, fault && 'resetAfterBytes' in fault ? fault.resetAfterBytes : undefined);
      } catch (error) {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof DriveHttpError) {
          await sendReply(res, json(error.body(), error.status, error.headers));
          return;
        }
        console.error('fake Google: unexpected error', error);
        const internal = new DriveHttpError(500, { domain: 'global', reason: 'backendError', message: 'Backend Error' });
        await sendReply(res, json(internal.body(), 500)).catch(() => undefined);
      }
    };
    void run();
  };
}
