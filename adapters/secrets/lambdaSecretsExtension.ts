import { NotConfiguredError, TransientError } from '../../core/errors';

/** Where the AWS Parameters and Secrets Lambda Extension listens inside the function's sandbox. */
const EXTENSION_URL = 'http://localhost:2773';

/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda
 * Extension (a layer CDK attaches), so the value never sits in the function's
 * environment, a rotation needs no redeploy, and no Secrets Manager SDK is
 * bundled. The extension authenticates the call with the function's session token.
 */
export async function readSecretThroughExtension(
  secretId: string,
  sessionToken: string | undefined,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  if (sessionToken === undefined || sessionToken === '') {
    throw new NotConfiguredError(`secret ${secretId} cannot be read: no AWS session token (the Secrets extension runs in Lambda only)`);
  }
  const url = `${EXTENSION_URL}/secretsmanager/get?secretId=${encodeURIComponent(secretId)}`;
  let response: Response;
  try {
    response = await fetchImpl(url, { headers: { 'X-Aws-Parameters-Secrets-Token': sessionToken } });
  } catch (error) {
    throw new TransientError(`secret ${secretId} could not be read: the Secrets extension did not answer`, { cause: error });
  }
  if (!response.ok) throw new TransientError(`secret ${secretId} could not be read: the Secrets extension answered ${response.status}`);
  const body = (await response.json().catch(() => ({}))) as { SecretString?: unknown };
  if (typeof body.SecretString !== 'string' || body.SecretString === '') {
    throw new NotConfiguredError(`secret ${secretId} holds no text value`);
  }
  return body.SecretString;
}
