import type { ListOf, Paged } from '../../../core/api/collections';
import type { DriveFoldersPageView, GoogleAccountView, GoogleConnectionView, GoogleDisconnectView, GoogleStatusView, MappingPreviewView, NamedFolderView, SharedDriveView } from '../../../core/api/googleApi';
import { defaultCameraMapping } from '../../../core/cameras/cameraMappingConfig';
import { z } from 'zod';
import { browseFolders, MY_DRIVE_ROOT } from '../../../core/google/browseFolders';
import { nameFolders } from '../../../core/google/nameFolders';
import { folderNamesSchema, mappingPreviewSchema } from '../../../core/google/connectSchemas';
import { disconnectGoogle } from '../../../core/google/disconnectGoogle';
import { completeGoogleConnect, connectServiceAccount, startGoogleConnect, type ConnectGoogleDeps } from '../../../core/google/connectGoogle';
import { withConnection, type ConnectionProviderDeps } from '../../../core/google/connectionProvider';
import { toConnectionView } from '../../../core/google/googleConnection';
import { previewCameraMapping } from '../../../core/google/previewCameraMapping';
import { resumeSourcesOfConnection } from '../../../core/google/resumeSourcesOfConnection';
import { parseWith } from '../../../core/validation/parseWith';
import type { Logger } from '../../../adapters/logging/logger';
import { authenticatedHttpHandler } from '../../middleware/httpApiHandler';
import type { Context } from 'aws-lambda';
import { json, type AuthenticatedRequest, type HttpEvent, type HttpResult } from '../../middleware/httpTypes';
import { pathId } from '../../middleware/pathId';
import type { PageTokens } from '../../../core/ports/pageTokens';
import type { GateAccounts } from '../../middleware/httpApiHandler';
import type { AuditLog } from '../../../core/ports/auditLog';
import { recordAudit } from '../../../core/audit/recordAudit';
import type { SourceRepository } from '../../../core/ports/sourceRepository';
import { appDependencies } from '../../wiring';

export interface GoogleApiDeps extends ConnectGoogleDeps, ConnectionProviderDeps {
  readonly logger: Logger;
  /** Drive's page tokens reach the client sealed and bound to the tenant, connection and folder, so garbage never reaches Drive. */
  readonly pageTokens: PageTokens;
  /** Only to refuse tokens of a tenant that does not exist. */
  readonly accounts: GateAccounts;
  /** Disconnecting stops the Drive sources on the connection. */
  readonly sources: SourceRepository;
  /** Who added and removed connections. */
  readonly audit: AuditLog;
}

const browseQuerySchema = z.object({
  parentId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'must be a Google Drive folder id').default(MY_DRIVE_ROOT),
  pageToken: z.string().max(4096).optional(),
});

function connectionIdOf(request: AuthenticatedRequest): string {
  return pathId(request, 'connectionId');
}

/**
 * Connecting Google Drive and looking into it: consent (start, complete),
 * service accounts, the tenant's connections, disconnect, test, shared drives, the lazy
 * folder tree, the names of saved folders and the camera-mapping preview. Secrets never leave this function.
 */
export function makeHandler(deps: () => GoogleApiDeps) {
  return authenticatedHttpHandler(
    {
      'GET /api/google/status': () => {
        const missing = deps().oauth.missingConfiguration;
        return Promise.resolve(json(200, { configured: missing.length === 0, missing } satisfies GoogleStatusView));
      },
      'POST /api/google/oauth/start': async ({ identity, body }) => json(200, await startGoogleConnect(deps(), identity, body)),
      'POST /api/google/oauth/complete': async ({ identity, body }) => {
        const connection = await completeGoogleConnect(deps(), identity, body);
        await recordAudit(deps(), identity, 'connection.added', { type: 'connection', id: connection.id, name: connection.email }, { kind: connection.kind });
        return json(201, connection satisfies GoogleConnectionView);
      },
      'POST /api/google/service-accounts': async ({ identity, body }) => {
        const connection = await connectServiceAccount(deps(), identity, body, (stored, secret) => deps().oauth.providerForConnection(stored, secret));
        await recordAudit(deps(), identity, 'connection.added', { type: 'connection', id: connection.id, name: connection.email }, { kind: connection.kind });
        return json(201, connection satisfies GoogleConnectionView);
      },
      'GET /api/google/connections': async ({ identity }) =>
        json(200, { items: (await deps().connections.list(identity.tenantId)).map(toConnectionView) } satisfies ListOf<GoogleConnectionView>),
      'DELETE /api/google/connections/{connectionId}': async (request) => {
        const connectionId = connectionIdOf(request);
        const doomed = await deps().connections.get(request.identity.tenantId, connectionId);
        const result = await disconnectGoogle(deps(), request.identity.tenantId, connectionId);
        await recordAudit(deps(), request.identity, 'connection.removed', { type: 'connection', id: connectionId, ...(doomed === null ? {} : { name: doomed.email }) }, {
          sourcesStopped: result.sourcesStopped,
        });
        deps().logger.info({ tenantId: request.identity.tenantId, connectionId, revokedAtGoogle: result.revokedAtGoogle, sourcesStopped: result.sourcesStopped }, 'Google connection disconnected');
        return json(200, result satisfies GoogleDisconnectView);
      },
      'POST /api/google/connections/{connectionId}/test': async (request) => {
        const account = await withConnection(deps(), request.identity.tenantId, connectionIdOf(request), (provider) => provider.account());
        return json(200, account satisfies GoogleAccountView);
      },
      'GET /api/google/connections/{connectionId}/drives': async (request) => {
        const connectionId = connectionIdOf(request);
        const { pageToken } = parseWith(browseQuerySchema.pick({ pageToken: true }), request.query);
        const binding = ['drives', request.identity.tenantId, connectionId];
        const driveToken = await deps().pageTokens.open(pageToken, binding);
        const page = await withConnection(deps(), request.identity.tenantId, connectionId, (provider) => provider.sharedDrives(driveToken));
        return json(200, { ...page, nextPageToken: await deps().pageTokens.seal(page.nextPageToken, binding) } satisfies Paged<SharedDriveView>);
      },
      'GET /api/google/connections/{connectionId}/folders': async (request) => {
        const connectionId = connectionIdOf(request);
        const { parentId, pageToken } = parseWith(browseQuerySchema, request.query);
        const binding = ['folders', request.identity.tenantId, connectionId, parentId];
        const driveToken = await deps().pageTokens.open(pageToken, binding);
        const page = await withConnection(deps(), request.identity.tenantId, connectionId, (provider) => browseFolders(provider, parentId, driveToken));
        return json(200, { ...page, nextPageToken: await deps().pageTokens.seal(page.nextPageToken, binding) } satisfies DriveFoldersPageView);
      },
      'POST /api/google/connections/{connectionId}/folder-names': async (request) => {
        const input = parseWith(folderNamesSchema, request.body);
        const items = await withConnection(deps(), request.identity.tenantId, connectionIdOf(request), (provider) =>
          nameFolders(provider, input.folderIds),
        );
        return json(200, { items } satisfies ListOf<NamedFolderView>);
      },
      'POST /api/google/connections/{connectionId}/preview': async (request) => {
        const input = parseWith(mappingPreviewSchema, request.body);
        const preview = await withConnection(deps(), request.identity.tenantId, connectionIdOf(request), (provider) =>
          previewCameraMapping(provider, input.folderIds, input.mapping ?? defaultCameraMapping),
        );
        return json(200, preview satisfies MappingPreviewView);
      },
    },
    () => deps().logger,
    () => deps().accounts,
  );
}

const routes = makeHandler(() => {
  const app = appDependencies();
  return {
    connections: app.googleConnections,
    oauth: app.googleOAuth,
    sealer: app.sealer,
    pkce: app.pkce,
    ids: app.ids,
    clock: app.clock,
    redirectUri: app.config.google.redirectUri,
    logger: app.logger,
    pageTokens: app.pageTokens,
    accounts: app.accounts,
    sources: app.sources,
    audit: app.audit,
    onReconnected: async (tenantId: string, connectionId: string) => {
      await resumeSourcesOfConnection(app, tenantId, connectionId);
    },
  };
});

/** The Google client secret is read (once per warm function, from Secrets Manager in AWS) before any route runs. */
export const handler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
  await appDependencies().googleOAuth.ready();
  return routes(event, context);
};
