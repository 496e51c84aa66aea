/**
 * Calls Cognito's user-pool API from the browser: the JSON protocol
 * (`POST <endpoint>` with `X-Amz-Target: AWSCognitoIdentityProviderService.<Action>`
 * and `Content-Type: application/x-amz-json-1.1`). The actions the sign-in
 * pages use are public-client actions: no AWS credentials, the client id is
 * the only caller identity.
 */

/** A refusal from Cognito (`type` is its error type, e.g. `NotAuthorizedException`), or `NetworkError` when it could not be reached. */
export class CognitoApiError extends Error {
  override readonly name = 'CognitoApiError';
  constructor(
    readonly type: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export const NETWORK_ERROR = 'NetworkError';

/** `__type` may come as `com.amazonaws…#NotAuthorizedException` or plain; the header is the fallback. */
function errorType(body: unknown, header: string | null): string {
  const raw = typeof body === 'object' && body !== null && '__type' in body && typeof body.__type === 'string' ? body.__type : (header ?? '');
  return raw.split('#').pop()?.split(':')[0] ?? '';
}

export async function callCognito<T>(endpoint: string, action: string, body: Record<string, unknown>): Promise<T> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${action}` },
      body: JSON.stringify(body),
    });
  } catch (cause) {
    throw new CognitoApiError(NETWORK_ERROR, 'the sign-in service could not be reached', { cause });
  }
  // RevokeToken answers 200 with an empty body.
  const text = await response.text().catch(() => '');
  let parsed: unknown = {};
  try {
    parsed = text === '' ? {} : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const message = typeof parsed === 'object' && parsed !== null && 'message' in parsed && typeof parsed.message === 'string' ? parsed.message : '';
    throw new CognitoApiError(errorType(parsed, response.headers.get('x-amzn-errortype')) || `HTTP ${response.status}`, message);
  }
  if (typeof parsed !== 'object' || parsed === null) throw new CognitoApiError('SerializationException', 'the sign-in service answered something unreadable');
  return parsed as T;
}
