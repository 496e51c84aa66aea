import { startGoogleConsent } from '../api/google';
import type { GoogleConnection } from '../api/types';
import { safeReturnPath } from '../router.svelte';
import { m } from '../../paraglide/messages.js';

/**
 * Google's consent screen is a full-page round trip: before leaving, remember
 * where the flow started; the callback page sends the user back there and
 * leaves the new connection for that page to pick up.
 */

const RETURN_KEY = 'vtrack.google.returnTo';
const CONNECTED_KEY = 'vtrack.google.connected';

function read(key: string): string | null {
  try {
    const value = sessionStorage.getItem(key);
    sessionStorage.removeItem(key);
    return value;
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    sessionStorage.setItem(key, value);
  } catch {
    // Storage blocked: the flow still works, it just returns to the Sources page.
  }
}

/** Leaves for Google's consent; `connectionId` reconnects that grant instead of adding one. */
export async function beginConsent(returnTo: string, connectionId?: string): Promise<void> {
  const { authorizationUrl } = await startGoogleConsent(connectionId);
  write(RETURN_KEY, returnTo);
  window.location.assign(authorizationUrl);
}

/** Where the flow started (only a path of this site), once. */
export function takeReturnPath(): string {
  return safeReturnPath(read(RETURN_KEY), '/sources/new');
}

export function rememberConnected(connection: GoogleConnection): void {
  write(CONNECTED_KEY, JSON.stringify({ id: connection.id, email: connection.email }));
}

/** The connection the consent round trip just made, once. */
export function takeConnected(): { id: string; email: string } | null {
  try {
    const parsed: unknown = JSON.parse(read(CONNECTED_KEY) ?? 'null');
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') {
      return { id: parsed.id, email: 'email' in parsed && typeof parsed.email === 'string' ? parsed.email : '' };
    }
  } catch {
    // A corrupted entry is the same as none.
  }
  return null;
}

/** Google's `error` parameter, in words. */
export function consentErrorMessage(error: string): string {
  if (error === 'access_denied') {
    return m.consent_denied();
  }
  return m.consent_incomplete();
}
