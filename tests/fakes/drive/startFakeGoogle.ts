// Starts the Google Drive v3 + OAuth fake on an ephemeral loopback port.
// One server speaks both: Drive under /drive/v3 (googleapis builds
// `${rootUrl}drive/v3/...`), OAuth at /o/oauth2/v2/auth, /token and /revoke.
import type { Socket } from 'node:net';
import { createServer } from 'node:http';
import type { QuotaOptions } from './accountHandlers';
import { createRequestHandler } from './createRequestHandler';
import { DriveModel } from './DriveModel';
import { FakeOAuth } from './FakeOAuth';
import type { FakeOAuthOptions } from './FakeOAuth';
import { FaultInjector } from './FaultInjector';
import type { LoggedRequest } from './RequestLog';
import { RequestLog } from './RequestLog';
import type { Operation } from './types';

export interface FakeGoogleOptions {
  /** OAuth clients; default one: DEFAULT_CLIENT (any redirect URI). */
  clients?: FakeOAuthOptions['clients'];
  /** The user the authorize endpoint approves as, and about.get reports. */
  user?: FakeOAuthOptions['user'];
  /** Lifetime of issued access tokens (short values exercise refresh). Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Keep this many change entries; older page tokens then answer 400. Default: all. */
  changeRetention?: number;
  /** storageQuota.limit in bytes; default 15 GiB. `null` reports an unlimited account. */
  storageLimitBytes?: number | null;
  /** Clock shared by the model and OAuth (token expiry, timestamps). */
  now?: () => number;
}

export interface FakeGoogle {
  /** e.g. http://127.0.0.1:54321 */
  baseUrl: string;
  /** What to pass as googleapis' `rootUrl` (ends with a slash). */
  rootUrl: string;
  /** `${baseUrl}/drive/v3` */
  driveApiRoot: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Ready to spread into `new google.auth.OAuth2({ ..., endpoints })`. */
  endpoints: { oauth2AuthBaseUrl: string; oauth2TokenUrl: string; oauth2RevokeUrl: string };
  drive: DriveModel;
  oauth: FakeOAuth;
  faults: FaultInjector;
  requests: readonly LoggedRequest[];
  counts(): Partial<Record<Operation, number>>;
  resetCounts(): void;
  /** Shorthand for oauth.revokeGrant: later refreshes of that grant (or all) fail with invalid_grant. */
  revokeGrant(refreshToken?: string): void;
  stop(): Promise<void>;
}

export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const now = options.now ?? Date.now;
  const drive = new DriveModel({ now, ...(options.changeRetention !== undefined ? { changeRetention: options.changeRetention } : {}) });
  const faults = new FaultInjector();
  const log = new RequestLog();
  const sockets = new Set<Socket>();
  const limit = options.storageLimitBytes === undefined ? 15 * 1024 ** 3 : options.storageLimitBytes;
  const quota: QuotaOptions = limit === null ? {} : { limit };

  // The token URL is only known once listening; OAuth is created first and told afterwards.
  const oauthOptions: FakeOAuthOptions = { now };
  if (options.clients) oauthOptions.clients = options.clients;
  if (options.user) oauthOptions.user = options.user;
  if (options.accessTokenTtlSeconds !== undefined) oauthOptions.accessTokenTtlSeconds = options.accessTokenTtlSeconds;
  const server = createServer();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake Google: no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokenUrl = `${baseUrl}/token`;
  const oauth = new FakeOAuth({ ...oauthOptions, tokenUrl });
  server.on('request', createRequestHandler({ model: drive, oauth, faults, log, quota }));

  const authUrl = `${baseUrl}/o/oauth2/v2/auth`;
  const revokeUrl = `${baseUrl}/revoke`;
  return {
    baseUrl,
    rootUrl: `${baseUrl}/`,
    driveApiRoot: `${baseUrl}/drive/v3`,
    authUrl,
    tokenUrl,
    revokeUrl,
    endpoints: { oauth2AuthBaseUrl: authUrl, oauth2TokenUrl: tokenUrl, oauth2RevokeUrl: revokeUrl },
    drive,
    oauth,
    faults,
    requests: log.requests,
    counts: () => log.counts(),
    resetCounts: () => log.reset(),
    revokeGrant: (refreshToken?: string) => oauth.revokeGrant(refreshToken),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive clients would otherwise hold close() open.
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
