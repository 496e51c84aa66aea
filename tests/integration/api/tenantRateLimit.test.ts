import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { ApiClient, startHarness, validLocalSource, type Harness } from '../../support/localStackHarness';

const LIMIT = 8;

describe('per-tenant request limit on the local stack (the DynamoDB counter, as in AWS)', () => {
  let harness: Harness;
  let flooderToken: string;
  let neighbour: ApiClient;

  beforeAll(async () => {
    // An hour-long window so the flood below stays inside one window.
    harness = await startHarness({ env: { TENANT_RATE_LIMIT: String(LIMIT), TENANT_RATE_WINDOW_SECONDS: '3600' } });
    const anonymous = new ApiClient(harness.stack.url);
    const signedUp = await anonymous.call<{ token: string }>('POST', '/api/auth/local/sign-up', {
      email: 'owner@flood.example',
      password: 'correct horse battery',
      tenantName: 'Cửa hàng Ồn ào',
    });
    flooderToken = signedUp.body.token;
    neighbour = (await anonymous.signUp('owner@quiet.example', 'Cửa hàng Yên tĩnh')).client;
  });
  afterAll(async () => {
    await harness.close();
  });

  it('answers one tenant\'s flood with 429 rate_limited and Retry-After while another tenant is still served', async () => {
    // Act: one tenant's client hammers the API, reads and writes alike.
    const answers: { status: number; retryAfter: string | null; body: ErrorBody }[] = [];
    for (let i = 0; i < LIMIT + 4; i += 1) {
      const response = await fetch(`${harness.stack.url}/api/sources`, {
        method: i % 2 === 0 ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${flooderToken}`, 'content-type': 'application/json' },
        ...(i % 2 === 0 ? {} : { body: JSON.stringify({ ...validLocalSource, name: `Nguồn ${i}` }) }),
      });
      answers.push({ status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as ErrorBody });
    }
    const neighbourSees = await neighbour.call<{ items: unknown[] }>('GET', '/api/sources');
    const neighbourCreates = await neighbour.call('POST', '/api/sources', validLocalSource);

    // Assess: the allowance is served, then every request is refused with a clear 429.
    expect(answers.slice(0, LIMIT).map((answer) => answer.status)).toEqual(Array.from({ length: LIMIT }, (_, i) => (i % 2 === 0 ? 200 : 201)));
    for (const refused of answers.slice(LIMIT)) {
      expect(refused.status).toBe(429);
      expect(refused.body.error.code).toBe('rate_limited');
      expect(refused.body.error.message).toMatch(/too many requests from this account; try again in \d+ s/);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(3600);
    }
    expect(neighbourSees.status).toBe(200);
    expect(neighbourCreates.status).toBe(201);
  });
});
