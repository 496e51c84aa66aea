import type { PendingSignIn } from './cognitoStore';
import { redirectUri } from './hostedUi';
import { requestTokens, type TokenSet } from './tokens';

/** Why a return from the hosted UI was not accepted, in words for the person. */
export class CallbackError extends Error {
  override readonly name = 'CallbackError';
}

/**
 * The hosted UI sent the browser back: accept it only for the sign-in this
 * tab started (same `state`), then trade the code for tokens with the PKCE
 * verifier that only this tab knows.
 */
export async function exchangeCallback(
  params: URLSearchParams,
  pending: PendingSignIn | null,
  origin: string,
): Promise<{ tokens: TokenSet; pending: PendingSignIn }> {
  const code = params.get('code');
  if (params.get('error') !== null || code === null) throw new CallbackError('The sign-in was not completed. Please sign in again.');
  if (pending === null || params.get('state') !== pending.state) {
    throw new CallbackError('This sign-in link is not the one this page started, or it was already used. Please sign in again.');
  }
  try {
    const tokens = await requestTokens(pending.domain, {
      grant_type: 'authorization_code',
      client_id: pending.clientId,
      code,
      redirect_uri: redirectUri(origin),
      code_verifier: pending.verifier,
    });
    return { tokens, pending };
  } catch (cause) {
    throw new CallbackError('The sign-in could not be completed. Please sign in again.', { cause });
  }
}
