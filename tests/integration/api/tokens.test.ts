import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_AUDIENCE, LOCAL_ISSUER, makeLocalTokenIssuer, TENANT_CLAIM } from '../../../adapters/auth/localTokens';
import { systemClock } from '../../../core/ports/clock';
import { catalogueRoutes } from '../../support/badInputMatrix';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

describe('tokens and sign-in against the local stack', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let key: Buffer;

  beforeAll(async () => {
    harness = await startHarness();
    anonymous = new ApiClient(harness.stack.url);
    // The stack's own signing key: these tokens are genuine, only their contents are wrong.
    key = Buffer.from((await readFile(path.join(harness.dataDir, 'local-auth.key'), 'utf8')).trim(), 'base64url');
  });
  afterAll(() => harness.close());

  it('refuses a genuine token of a tenant that does not exist on every authenticated route', async () => {
    const { token } = await makeLocalTokenIssuer(key, systemClock).issue({ tenantId: 'ten_gone', userId: 'usr_gone', email: 'gone@shop.example' });
    const ghost = anonymous.withToken(token);

    const answers: string[] = [];
    for (const route of catalogueRoutes().filter((r) => r.authenticated)) {
      const response = await ghost.call(route.method, route.path.replace(/\{\w+\}/g, 'src_abc'), route.method === 'POST' || route.method === 'PATCH' ? validLocalSource : undefined);
      answers.push(`${route.routeKey} ${response.status}`);
    }

    expect(answers.filter((answer) => !answer.endsWith(' 401'))).toEqual([]);
    expect(answers.length).toBeGreaterThan(15);
  });

  it.each([
    ['without exp', (jwt: SignJWT) => jwt.setIssuedAt()],
    ['issued an hour from now', (jwt: SignJWT) => jwt.setIssuedAt(Math.floor(Date.now() / 1000) + 3600).setExpirationTime('2h')],
  ])('refuses a genuine-key token %s', async (_case, shape) => {
    const { tenantId } = await anonymous.signUp(`${_case.replace(/\W+/g, '-')}@shop.example`, 'Skew');
    const token = await shape(new SignJWT({ [TENANT_CLAIM]: tenantId, token_use: 'id' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setSubject('usr_x')).sign(key);

    expect((await anonymous.withToken(token).call('GET', '/api/sources')).status).toBe(401);
  });

  it('answers repeated wrong passwords for one email with a 429 and Retry-After', async () => {
    await anonymous.signUp('locked@shop.example', 'Locked');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      statuses.push((await anonymous.call('POST', '/api/auth/local/sign-in', { email: 'locked@shop.example', password: `wrong ${i}` })).status);
    }

    const response = await fetch(`${harness.stack.url}/api/auth/local/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'locked@shop.example', password: 'correct horse battery' }),
    });
    const body = (await response.json()) as { error: { code: string; message: string } };

    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    expect(response.status).toBe(429);
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toMatch(/too many failed sign-ins/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(800);
  });
});
