import type { PendingSignIn } from './cognitoStore';
import { redirectUri } from './hostedUi';
import { requestTokens, type TokenSet } from './tokens';
import { m } from '../../../paraglide/messages.js';

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
  if (params.get('error') !== null || code === null) throw new CallbackError(m.auth_callback_not_completed());
  if (pending === null || params.get('state') !== pending.state) {
    throw new CallbackError(m.auth_callback_wrong_state());
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
    throw new CallbackError(m.auth_callback_failed(), { cause });
  }
}
