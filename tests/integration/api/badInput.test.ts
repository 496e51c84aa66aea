import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputMatrix, catalogueRoutes, type BadRequest } from '../../support/badInputMatrix';
import { connectGoogle, startGoogleStack, type GoogleStack } from '../../support/googleStack';
import { ApiClient, validDriveSource } from '../../support/localStackHarness';

interface ErrorBody {
  error?: { code: string; field?: string; message: string };
}

describe('bad input to every catalogue route (local stack, Google played by the fake)', () => {
  let google: GoogleStack;
  let shop: ApiClient;
  let connectionId: string;
  let sourceId: string;
  const consoleErrors: unknown[] = [];
  const originalError = console.error;

  beforeAll(async () => {
    google = await startGoogleStack();
    // The local server reports unexpected errors here; bad input must never be one.
    console.error = (...args: unknown[]) => void consoleErrors.push(args);
    shop = (await new ApiClient(google.harness.stack.url).signUp('owner@matrix-shop.example', 'Cửa hàng Matrix')).client;
    connectionId = (await connectGoogle(shop)).id;
    const created = await shop.call<{ id: string }>('POST', '/api/sources', { ...validDriveSource, config: { connectionId, folderIds: [google.fake.drive.addFolder({ name: 'Cam 1' })] } });
    sourceId = created.body.id;
  });
  afterAll(async () => {
    console.error = originalError;
    await google.close();
  });

  it('answers every class of bad input on every route with a 400 naming the field, never a 5xx', async () => {
    const matrix = badInputMatrix({ sourceId, connectionId });
    const answers: { request: BadRequest; status: number; field: string | undefined }[] = [];
    for (const request of matrix) {
      const response = await shop.call<ErrorBody>(request.method, request.path, undefined, request.rawBody);
      answers.push({ request, status: response.status, field: response.body.error?.field });
    }

    const wrong = answers
      .filter(({ request, status, field }) => status !== 400 || field !== request.field)
      .map(({ request, status, field }) => `${request.routeKey} [${request.kind}]: ${status} field=${field ?? '-'} (want 400 field=${request.field})`);
    expect(wrong).toEqual([]);
    expect(answers.filter(({ status }) => status >= 500)).toEqual([]);
    expect(new Set(matrix.map((request) => request.routeKey))).toEqual(new Set(catalogueRoutes().map((route) => route.routeKey)));
    expect(consoleErrors).toEqual([]);
  });

  it('never hands a garbage page token to Drive', async () => {
    await shop.call('GET', `/api/google/connections/${connectionId}/drives?pageToken=garbage-token`);
    await shop.call('GET', `/api/google/connections/${connectionId}/folders?pageToken=garbage-token`);

    expect(google.fake.requests.filter((request) => request.query.includes('garbage'))).toEqual([]);
  });

  it('pages shared drives with the token it handed out, and refuses that token altered or used on another listing', async () => {
    for (let i = 0; i < 101; i += 1) google.fake.drive.addSharedDrive({ name: `Kho ${i} — ổ chung` });
    const first = await shop.call<{ items: unknown[]; nextPageToken: string | null }>('GET', `/api/google/connections/${connectionId}/drives`);
    const token = first.body.nextPageToken ?? '';

    const second = await shop.call<{ items: unknown[] }>('GET', `/api/google/connections/${connectionId}/drives?pageToken=${encodeURIComponent(token)}`);
    const altered = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const alteredAnswer = await shop.call<ErrorBody>('GET', `/api/google/connections/${connectionId}/drives?pageToken=${encodeURIComponent(altered)}`);
    const elsewhere = await shop.call<ErrorBody>('GET', `/api/google/connections/${connectionId}/folders?pageToken=${encodeURIComponent(token)}`);

    expect(first.body.items).toHaveLength(100);
    expect(token).not.toBe('');
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(1);
    expect([alteredAnswer.status, alteredAnswer.body.error?.field]).toEqual([400, 'pageToken']);
    expect([elsewhere.status, elsewhere.body.error?.field]).toEqual([400, 'pageToken']);
  });
});
