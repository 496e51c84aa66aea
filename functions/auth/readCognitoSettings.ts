import { ConfigError } from '../config';

/** What the web app needs to sign in against the user pool; none of it is secret. */
export interface CognitoSettings {
  readonly userPoolId: string;
  readonly clientId: string;
  /** The hosted UI's base URL, `https://<prefix>.auth.<region>.amazoncognito.com`. */
  readonly domain: string;
  readonly region: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function required(env: Env, name: string): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') throw new ConfigError(`environment variable ${name} is required in cognito mode`);
  return value;
}

/**
 * Reads the names the CDK app (infra/aws/stacks/ApiStack.ts) sets on every
 * HTTP function. The region is Lambda's own AWS_REGION, or else the prefix of
 * the pool id (`eu-west-1_AbC`), which is the pool's region.
 */
export function readCognitoSettings(env: Env): CognitoSettings {
  const userPoolId = required(env, 'USER_POOL_ID');
  const fromPoolId = userPoolId.includes('_') ? userPoolId.slice(0, userPoolId.indexOf('_')) : '';
  const region = env['AWS_REGION']?.trim() || fromPoolId;
  if (region === '') throw new ConfigError('environment variable AWS_REGION is required in cognito mode');
  return {
    userPoolId,
    clientId: required(env, 'USER_POOL_CLIENT_ID'),
    domain: required(env, 'AUTH_DOMAIN'),
    region,
  };
}
