import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { makeHandler, type AuthRouteDeps } from '../../../../functions/api/auth/localAuth';
import { ConfigError, readCognitoSettings } from '../../../../functions/config';
import { makeLogger } from '../../../../adapters/logging/logger';
import type { HttpEvent } from '../../../../functions/middleware/httpTypes';

const cognito = {
  userPoolId: 'eu-west-1_Example1',
  clientId: 'exampleclientid',
  domain: 'https://vtrack-example.auth.eu-west-1.amazoncognito.com',
  endpoint: 'https://cognito-idp.eu-west-1.amazonaws.com/',
  region: 'eu-west-1',
};

function request(routeKey: string): HttpEvent {
  const [method = 'GET', path = '/'] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { http: { method, path } },
  } as unknown as HttpEvent;
}

async function call(deps: AuthRouteDeps, routeKey: string): Promise<{ status: number | undefined; body: unknown }> {
  const result = await makeHandler(() => deps)(request(routeKey), {} as Context);
  return { status: result.statusCode, body: JSON.parse(result.body ?? 'null') as unknown };
}

const logger = makeLogger('silent');

describe('GET /api/auth/config', () => {
  it('tells the web app to sign in locally in local mode, and nothing more', async () => {
    // Act
    const response = await call({ authMode: 'local', auth: null, cognito: null, logger }, 'GET /api/auth/config');

    // Assess
    expect(response).toEqual({ status: 200, body: { mode: 'local' } });
  });

  it('tells the web app where Cognito is in cognito mode', async () => {
    // Act
    const response = await call({ authMode: 'cognito', auth: null, cognito, logger }, 'GET /api/auth/config');

    // Assess
    expect(response).toEqual({ status: 200, body: { mode: 'cognito', ...cognito } });
  });

  it('answers with a plain 500 when cognito mode lacks its settings', async () => {
    // Act
    const response = await call({ authMode: 'cognito', auth: null, cognito: null, logger }, 'GET /api/auth/config');

    // Assess
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).not.toContain('USER_POOL_ID');
  });

  it('answers 404 for local sign-in in cognito mode', async () => {
    // Act
    const response = await call({ authMode: 'cognito', auth: null, cognito, logger }, 'POST /api/auth/local/sign-in');

    // Assess
    expect(response.status).toBe(404);
  });
});

describe('readCognitoSettings', () => {
  const env = {
    USER_POOL_ID: cognito.userPoolId,
    USER_POOL_CLIENT_ID: cognito.clientId,
    AUTH_DOMAIN: cognito.domain,
    AWS_REGION: 'eu-west-1',
  };

  it('reads the names the CDK app sets', () => {
    // Act
    const settings = readCognitoSettings(env);

    // Assess
    expect(settings).toEqual(cognito);
  });

  it('takes the region from the pool id when AWS_REGION is missing', () => {
    // Act
    const settings = readCognitoSettings({ ...env, AWS_REGION: undefined, USER_POOL_ID: 'ap-southeast-2_Other' });

    // Assess
    expect(settings.region).toBe('ap-southeast-2');
  });

  it.each(['USER_POOL_ID', 'USER_POOL_CLIENT_ID', 'AUTH_DOMAIN'])('fails fast naming %s when it is missing', (name) => {
    // Act
    const read = (): unknown => readCognitoSettings({ ...env, [name]: '' });

    // Assess
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(name);
  });
});
