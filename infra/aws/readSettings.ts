import { Aws, Fn, type App } from 'aws-cdk-lib';

export interface VtrackSettings {
  /** Stack ids are `<prefix>Storage`, `<prefix>Api`, ...; change it to deploy a second copy. */
  readonly stackPrefix: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error';
  readonly authDomainPrefix: string;
  readonly footageCorsOrigins: readonly string[];
  /**
   * Cognito's emails through Amazon SES from this address (verified in SES, in
   * the stack's region); absent: Cognito's own sender, limited to a few dozen
   * emails a day.
   */
  readonly emailFrom?: string;
  /** Google OAuth: client id, the Secrets Manager secret holding the client secret, and the public URL. */
  readonly google?: { readonly clientId: string; readonly clientSecretName: string; readonly publicUrl: string };
}

const logLevels = ['debug', 'info', 'warn', 'error'] as const;

/**
 * Deployment settings from CDK context (`-c vtrack:logLevel=debug` or cdk.json),
 * read once and checked, with defaults that need no account lookups.
 */
export function readSettings(app: App): VtrackSettings {
  const context = (key: string): string | undefined => {
    const value: unknown = app.node.tryGetContext(key);
    return value === undefined || value === null ? undefined : String(value);
  };

  const logLevel = context('vtrack:logLevel') ?? 'info';
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    throw new Error(`vtrack:logLevel must be one of ${logLevels.join(', ')}, got '${logLevel}'`);
  }
  const stackPrefix = context('vtrack:stackPrefix') ?? 'Vtrack';
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(stackPrefix)) {
    throw new Error(`vtrack:stackPrefix must be letters, digits and hyphens, got '${stackPrefix}'`);
  }
  const authDomainPrefix = context('vtrack:authDomainPrefix');
  if (authDomainPrefix !== undefined && !/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(authDomainPrefix)) {
    throw new Error(`vtrack:authDomainPrefix must be lowercase letters, digits and hyphens, got '${authDomainPrefix}'`);
  }
  const emailFrom = context('vtrack:emailFrom');
  if (emailFrom !== undefined && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(emailFrom)) {
    throw new Error(`vtrack:emailFrom must be an email address verified in Amazon SES, got '${emailFrom}'`);
  }
  const origins = context('vtrack:footageCorsOrigins');
  const googleClientId = context('vtrack:googleClientId');
  const publicUrl = context('vtrack:publicUrl');
  if (googleClientId !== undefined && (publicUrl === undefined || !/^https:\/\/[^/]+$/.test(publicUrl))) {
    throw new Error("vtrack:googleClientId needs vtrack:publicUrl, the site's origin such as https://vtrack.example.com (no path)");
  }

  return {
    stackPrefix,
    logLevel: logLevel as VtrackSettings['logLevel'],
    // Hosted-UI prefixes are unique per region across all of AWS; the account id
    // makes the default unique without a lookup (it resolves at deploy time).
    authDomainPrefix: authDomainPrefix ?? Fn.join('-', [stackPrefix.toLowerCase(), Aws.ACCOUNT_ID]),
    footageCorsOrigins: readCorsOrigins(origins, publicUrl),
    ...(emailFrom !== undefined ? { emailFrom } : {}),
    ...(googleClientId !== undefined && publicUrl !== undefined
      ? { google: { clientId: googleClientId, clientSecretName: context('vtrack:googleClientSecretName') ?? 'vtrack/google-oauth-client-secret', publicUrl } }
      : {}),
  };
}

/**
 * Browser origins allowed to use presigned footage URLs: the ones given, else
 * the deployment's own public URL, else none (no CORS rule) until it is known.
 * Wildcards are refused: any `*.cloudfront.net` site could otherwise read them.
 */
function readCorsOrigins(given: string | undefined, publicUrl: string | undefined): string[] {
  const origins = given !== undefined ? given.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '') : publicUrl !== undefined ? [publicUrl] : [];
  for (const origin of origins) {
    if (!/^https?:\/\/[^*/\s]+$/.test(origin)) throw new Error(`vtrack:footageCorsOrigins must be origins such as https://vtrack.example.com, without wildcards or paths, got '${origin}'`);
  }
  return origins;
}
