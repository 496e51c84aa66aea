import { NotFoundError, ReauthRequiredError } from '../errors';
import type { Clock } from '../ports/clock';
import type { GoogleConnectionRepository, GoogleOAuth } from '../ports/googleAuth';
import type { SecretSealer } from '../ports/secretSealer';
import type { StorageProvider } from '../providers/storageProvider';
import { connectionSecretContext } from './connectGoogle';

export interface ConnectionProviderDeps {
  readonly connections: GoogleConnectionRepository;
  readonly oauth: GoogleOAuth;
  readonly sealer: SecretSealer;
  readonly clock: Clock;
}

/**
 * A provider acting with a tenant's stored Google grant. The sealed secret is
 * opened only here, in memory, for this call's provider. A connection already
 * known to be refused fails fast with ReauthRequiredError.
 */
export async function connectionProvider(deps: ConnectionProviderDeps, tenantId: string, connectionId: string): Promise<StorageProvider> {
  const connection = await deps.connections.get(tenantId, connectionId);
  if (connection === null) throw new NotFoundError('Google connection not found', { context: { connectionId } });
  if (connection.status === 'needs_reauth' || connection.secret === null) {
    throw new ReauthRequiredError(connection.statusMessage ?? 'reconnect Google Drive', { context: { connectionId } });
  }
  const secret = await deps.sealer.open(connection.secret, connectionSecretContext(tenantId, connectionId));
  return deps.oauth.providerForConnection(connection, secret);
}

/** Runs a call with the connection's provider; a refused grant marks the connection for the tenant to see. */
export async function withConnection<T>(
  deps: ConnectionProviderDeps,
  tenantId: string,
  connectionId: string,
  call: (provider: StorageProvider) => Promise<T>,
): Promise<T> {
  const provider = await connectionProvider(deps, tenantId, connectionId);
  try {
    return await call(provider);
  } catch (error) {
    if (error instanceof ReauthRequiredError) {
      await deps.connections.markNeedsReauth(tenantId, connectionId, error.message, deps.clock.now().toISOString());
    }
    throw error;
  }
}
