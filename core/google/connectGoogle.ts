import type { GoogleConnectionView, StartConsentView } from '../api/googleApi';
import { NotFoundError, ReauthRequiredError, ValidationError } from '../errors';
import type { Identity } from '../identity/identity';
import type { Clock } from '../ports/clock';
import type { GoogleConnectionRepository, GoogleOAuth, PkceGenerator } from '../ports/googleAuth';
import type { IdGenerator } from '../ports/idGenerator';
import type { SecretSealer } from '../ports/secretSealer';
import { parseWith } from '../validation/parseWith';
import { completeConnectSchema, serviceAccountSchema, startConnectSchema } from './connectSchemas';
import { DRIVE_SCOPES, toConnectionView, type GoogleConnection } from './googleConnection';

export interface ConnectGoogleDeps {
  readonly connections: GoogleConnectionRepository;
  readonly oauth: GoogleOAuth;
  readonly sealer: SecretSealer;
  readonly pkce: PkceGenerator;
  readonly ids: IdGenerator;
  readonly clock: Clock;
  readonly redirectUri: string | null;
  /** Puts sources that were waiting on this connection back on their schedule. */
  readonly onReconnected: (tenantId: string, connectionId: string) => Promise<void>;
}

/** Ten minutes to get through Google's consent screen. */
const ATTEMPT_MINUTES = 10;

export const connectionSecretContext = (tenantId: string, connectionId: string) => ({ tenantId, connectionId, purpose: 'google-connection' });

/**
 * Step 1 of connecting Google Drive: the URL of Google's consent screen, with a
 * `state` bound to the signed-in user and a PKCE challenge. The verifier stays
 * here, sealed, until the user comes back.
 */
export async function startGoogleConnect(deps: ConnectGoogleDeps, identity: Identity, body: unknown): Promise<StartConsentView> {
  const input = parseWith(startConnectSchema, body ?? {});
  if (input.connectionId !== undefined && (await deps.connections.get(identity.tenantId, input.connectionId)) === null) {
    throw new NotFoundError('connection not found');
  }
  const redirectUri = deps.redirectUri ?? '';
  const pkce = deps.pkce();
  const state = deps.ids.newId('st');
  // Built before anything is stored, so a server without Google configured writes nothing.
  const authorizationUrl = deps.oauth.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri });
  await deps.connections.putAttempt({
    tenantId: identity.tenantId,
    userId: identity.userId,
    state,
    codeVerifier: await deps.sealer.seal(pkce.verifier, { tenantId: identity.tenantId, state, purpose: 'pkce' }),
    redirectUri,
    connectionId: input.connectionId ?? null,
    expiresAt: new Date(deps.clock.now().getTime() + ATTEMPT_MINUTES * 60_000).toISOString(),
  });
  return { authorizationUrl };
}

/**
 * Step 2: the web app's callback page hands over Google's `code` and `state`
 * with the user's own session. Only the user who started the attempt can
 * finish it, once; the refresh token is sealed before it is stored.
 */
export async function completeGoogleConnect(deps: ConnectGoogleDeps, identity: Identity, body: unknown): Promise<GoogleConnectionView> {
  const input = parseWith(completeConnectSchema, body);
  const attempt = await deps.connections.takeAttempt(identity.tenantId, identity.userId, input.state);
  const now = deps.clock.now();
  if (attempt === null || Date.parse(attempt.expiresAt) < now.getTime()) {
    throw new ValidationError('state', 'this Google sign-in expired or was not started here; start connecting again');
  }
  const verifier = await deps.sealer.open(attempt.codeVerifier, { tenantId: identity.tenantId, state: attempt.state, purpose: 'pkce' });
  const tokens = await deps.oauth.exchangeCode({ code: input.code, codeVerifier: verifier, redirectUri: attempt.redirectUri });
  if (tokens.refreshToken === null) {
    throw new ValidationError('code', 'Google did not grant offline access; remove VTrack from your Google account\'s third-party access and connect again');
  }
  if (!tokens.scopes.includes(DRIVE_SCOPES[0])) {
    throw new ValidationError('code', 'read access to Google Drive was not granted; connect again and allow it');
  }
  const account = await deps.oauth.providerForAccessToken(tokens.accessToken).account();
  const existing = attempt.connectionId === null ? null : await deps.connections.get(identity.tenantId, attempt.connectionId);
  const connectionId = existing?.id ?? deps.ids.newId('gc');
  const nowIso = now.toISOString();
  const connection: GoogleConnection = {
    tenantId: identity.tenantId,
    id: connectionId,
    kind: 'oauth',
    email: account.email,
    status: 'active',
    statusMessage: null,
    scopes: tokens.scopes,
    secret: await deps.sealer.seal(tokens.refreshToken, connectionSecretContext(identity.tenantId, connectionId)),
    subject: null,
    createdBy: existing?.createdBy ?? identity.userId,
    createdAt: existing?.createdAt ?? nowIso,
    updatedAt: nowIso,
  };
  await deps.connections.put(connection);
  if (existing !== null) await deps.onReconnected(identity.tenantId, connectionId);
  return toConnectionView(connection);
}

/** Business tenants: a Workspace service account with domain-wide delegation, tested before it is kept. */
export async function connectServiceAccount(
  deps: ConnectGoogleDeps,
  identity: Identity,
  body: unknown,
  providerFor: (connection: GoogleConnection, secret: string) => { account(): Promise<{ email: string }> },
): Promise<GoogleConnectionView> {
  const input = parseWith(serviceAccountSchema, body);
  const connectionId = deps.ids.newId('gc');
  const nowIso = deps.clock.now().toISOString();
  const draft: GoogleConnection = {
    tenantId: identity.tenantId,
    id: connectionId,
    kind: 'service_account',
    email: input.subject,
    status: 'active',
    statusMessage: null,
    scopes: [DRIVE_SCOPES[0]],
    secret: await deps.sealer.seal(input.keyJson, connectionSecretContext(identity.tenantId, connectionId)),
    subject: input.subject,
    createdBy: identity.userId,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  let account: { email: string };
  try {
    account = await providerFor(draft, input.keyJson).account();
  } catch (error) {
    if (!(error instanceof ReauthRequiredError)) throw error;
    throw new ValidationError('subject', 'Google refused this service account for this user: check domain-wide delegation for the Drive read-only scope', {
      cause: error,
    });
  }
  const connection = { ...draft, email: account.email || input.subject };
  await deps.connections.put(connection);
  return toConnectionView(connection);
}
