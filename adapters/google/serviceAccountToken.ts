import { importPKCS8, SignJWT } from 'jose';
import { DRIVE_SCOPES } from '../../core/google/googleConnection';

const GOOGLE_TOKEN_AUDIENCE = 'https://oauth2.googleapis.com/token';

export interface ServiceAccountKey {
  readonly client_email: string;
  readonly private_key: string;
}

/**
 * The OAuth 2.0 JWT-bearer grant for a Workspace service account acting for
 * `subject` (domain-wide delegation): a signed assertion exchanged at the token
 * URL for an access token. Written here rather than through gtoken, which has
 * Google's token URL built in and so could not be pointed at a test fake.
 */
export async function fetchServiceAccountToken(
  key: ServiceAccountKey,
  subject: string | null,
  tokenUrl: string,
  now: () => number = Date.now,
): Promise<{ accessToken: string; expiresAt: number }> {
  const issuedAt = Math.floor(now() / 1000);
  const assertion = await new SignJWT({ scope: DRIVE_SCOPES[0] })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setIssuer(key.client_email)
    // Google checks the audience is its own token URL, wherever the request is sent.
    .setAudience(GOOGLE_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + 3600)
    .setSubject(subject ?? key.client_email)
    .sign(await importPKCS8(key.private_key, 'RS256'));
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (!response.ok || typeof body.access_token !== 'string') {
    // Shaped like a gaxios error so classifyDriveError and translateDriveError read it the same way.
    throw Object.assign(new Error(`service account token refused: ${body.error ?? response.status} ${body.error_description ?? ''}`.trim()), {
      status: response.status,
      // google-auth-library reads response.config when it sees an error; an empty one is enough.
      response: { status: response.status, data: body, headers: response.headers, config: {} },
    });
  }
  return { accessToken: body.access_token, expiresAt: now() + (body.expires_in ?? 3600) * 1000 };
}
