import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localClientConfig } from '../../../infra/local/awsClientConfig';
import { ApiClient, startHarness, type Harness } from '../../support/localStackHarness';

describe('local stack HTTP surface', () => {
  let harness: Harness;
  let api: ApiClient;

  beforeAll(async () => {
    harness = await startHarness();
    api = new ApiClient(harness.stack.url);
  });
  afterAll(() => harness.close());

  it('answers GET /api/health with 200 and JSON, without a token, naming each stand-in', async () => {
    const response = await fetch(`${harness.stack.url}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: 'ok', standIns: { s3: 'up', dynamodb: 'up', stepFunctions: 'up' } });
  });

  it('brings a killed S3 stand-in back on the same endpoint, so storage works again and health says so', async () => {
    // Prepare
    const s3 = new S3Client(localClientConfig(harness.stack.endpoints.s3));
    const killed = harness.stack.s3StandIn.pid;

    // Act
    process.kill(killed ?? 0, 'SIGKILL');
    await vi.waitFor(
      () => {
        expect(harness.stack.s3StandIn.pid).toBeDefined();
        expect(harness.stack.s3StandIn.pid).not.toBe(killed);
      },
      { timeout: 20_000, interval: 100 },
    );
    const health = await fetch(`${harness.stack.url}/api/health`);
    const put = await s3.send(new PutObjectCommand({ Bucket: harness.stack.bucketName, Key: 'health/after-restart.bin', Body: 'ok' }));
    s3.destroy();

    // Assess
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', standIns: { s3: 'up' } });
    expect(put.ETag).toBeTruthy();
  });

  it('refuses authenticated routes without a token, as the JWT authorizer does', async () => {
    const response = await api.call('GET', '/api/sources');
    expect(response.status).toBe(401);
  });

  it('refuses a token signed with another key', async () => {
    const forged =
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c3JfeCIsImN1c3RvbTp0ZW5hbnRJZCI6InRlbl94IiwiaXNzIjoidnRyYWNrLWxvY2FsIiwiYXVkIjoidnRyYWNrLXdlYiJ9.' +
      'c2lnbmF0dXJlLW5vdC1tYWRlLXdpdGgtdGhlLWtleQ';
    const response = await api.withToken(forged).call('GET', '/api/sources');
    expect(response.status).toBe(401);
  });

  it('answers unknown API paths with 404 JSON', async () => {
    const response = await api.call('GET', '/api/no-such-thing');
    expect(response.status).toBe(404);
  });

  it('reports the local sign-in mode to the web app', async () => {
    const response = await api.call('GET', '/api/auth/config');
    expect(response).toEqual({ status: 200, body: { mode: 'local' } });
  });
});
