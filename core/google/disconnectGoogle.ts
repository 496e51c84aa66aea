import type { GoogleDisconnectView } from '../api/googleApi';
import { NotFoundError } from '../errors';
import type { Clock } from '../ports/clock';
import type { GoogleConnectionRepository, GoogleOAuth, GrantRevocation } from '../ports/googleAuth';
import type { SealedSecret, SecretSealer } from '../ports/secretSealer';
import type { SourceRepository } from '../ports/sourceRepository';
import { connectionSecretContext } from './connectGoogle';
import { stopSourcesOfConnection } from './stopSourcesOfConnection';

export interface DisconnectGoogleDeps {
  readonly connections: GoogleConnectionRepository;
  readonly oauth: Pick<GoogleOAuth, 'revokeGrant'>;
  readonly sealer: SecretSealer;
  readonly sources: SourceRepository;
  readonly clock: Clock;
}

/** Where a Google user removes an app's access by hand. */
export const GOOGLE_PERMISSIONS_URL = 'https://myaccount.google.com/permissions';

/**
 * Disconnects a Google connection: asks Google to revoke the grant, deletes
 * VTrack's sealed copy whatever Google answered, and puts every Drive source
 * on it in needs_reauth (reconnecting the same account resumes them). A grant
 * Google could not confirm revoking is still removed here, and the answer says
 * so, with where to end it at Google by hand.
 */
export async function disconnectGoogle(deps: DisconnectGoogleDeps, tenantId: string, connectionId: string): Promise<GoogleDisconnectView> {
  const connection = await deps.connections.get(tenantId, connectionId);
  if (connection === null || connection.disconnectedAt !== undefined) {
    throw new NotFoundError('Google connection not found', { context: { connectionId } });
  }
  const revocation = connection.kind === 'service_account' ? null : await revoke(deps, connection.secret, tenantId, connectionId);
  const now = deps.clock.now().toISOString();
  const reason = `Google Drive access for ${connection.email} was disconnected; reconnect Google Drive`;
  if (!(await deps.connections.disconnect(tenantId, connectionId, reason, now))) {
    throw new NotFoundError('Google connection not found', { context: { connectionId } });
  }
  const sourcesStopped = await stopSourcesOfConnection(deps, tenantId, connectionId, reason);
  const revokedAtGoogle = revocation === null ? 'not_applicable' : revocation.outcome;
  return { id: connectionId, email: connection.email, revokedAtGoogle, message: describe(connection.email, revocation), sourcesStopped };
}

async function revoke(deps: DisconnectGoogleDeps, sealed: SealedSecret | null, tenantId: string, connectionId: string): Promise<GrantRevocation> {
  if (sealed === null) return { outcome: 'already_revoked' };
  let refreshToken: string;
  try {
    refreshToken = await deps.sealer.open(sealed, connectionSecretContext(tenantId, connectionId));
  } catch {
    // The copy that cannot be opened is deleted all the same: the tenant asked for it to go.
    return { outcome: 'failed', reason: 'the stored grant could not be opened to revoke it' };
  }
  return deps.oauth.revokeGrant(refreshToken);
}

function describe(email: string, revocation: GrantRevocation | null): string {
  const removed = `VTrack deleted its stored access to ${email}.`;
  if (revocation === null) {
    return `${removed} The service account key itself stays valid in your Google Cloud project until you delete it there.`;
  }
  switch (revocation.outcome) {
    case 'revoked':
      return `${removed} Google confirmed the access is revoked.`;
    case 'already_revoked':
      return `${removed} Google had already ended this access.`;
    case 'failed':
      return `${removed} Google did not confirm revoking it (${revocation.reason}): remove VTrack at ${GOOGLE_PERMISSIONS_URL} to be sure.`;
  }
}
