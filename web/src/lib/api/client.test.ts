import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './ApiError';
import { configureClient, request } from './client';

function reply(status: number, body: unknown, contentType = 'application/json'): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Response(status === 204 ? null : text, { status, headers: { 'content-type': contentType } });
}

describe('request', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onUnauthorized = vi.fn();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    configureClient({ getToken: () => 'tok-1', onUnauthorized });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    onUnauthorized.mockReset();
  });

  it('sends JSON with the bearer token under /api and returns the body', async () => {
    fetchMock.mockResolvedValue(reply(201, { id: 's1' }));

    const result = await request<{ id: string }>('POST', '/sources', { body: { name: 'A' } });

    expect(result).toEqual({ id: 's1' });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe('/api/sources');
    expect(init?.headers).toMatchObject({ authorization: 'Bearer tok-1', 'content-type': 'application/json' });
    expect(init?.body).toBe('{"name":"A"}');
  });

  it('asks with If-None-Match and hands back the cached answer on 304', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 304, headers: { etag: '"v1"' } }));
    const tags: (string | null)[] = [];

    const result = await request<{ n: number }>('GET', '/sources/s1/status', { cached: { etag: '"v1"', value: { n: 1 } }, onEtag: (tag) => tags.push(tag) });

    expect(result).toEqual({ n: 1 });
    expect(fetchMock.mock.calls[0]?.[1]?.headers).toMatchObject({ 'if-none-match': '"v1"' });
    expect(tags).toEqual(['"v1"']);
  });

  it('reports the new ETag with a changed answer', async () => {
    fetchMock.mockResolvedValueOnce(new Response('{"n":2}', { status: 200, headers: { 'content-type': 'application/json', etag: '"v2"' } }));
    const tags: (string | null)[] = [];

    const result = await request<{ n: number }>('GET', '/sources/s1/status', { cached: { etag: '"v1"', value: { n: 1 } }, onEtag: (tag) => tags.push(tag) });

    expect(result).toEqual({ n: 2 });
    expect(tags).toEqual(['"v2"']);
  });

  it('leaves the token off the auth routes', async () => {
    fetchMock.mockResolvedValue(reply(200, { mode: 'local' }));

    await request('GET', '/auth/config', { auth: false });

    expect(fetchMock.mock.calls[0]?.[1]?.headers).not.toHaveProperty('authorization');
  });

  it('turns a validation error into an ApiError naming the field', async () => {
    fetchMock.mockResolvedValue(
      reply(400, { error: { code: 'validation_error', message: 'intervalMinutes: must be at least 5 minutes', field: 'intervalMinutes' } }),
    );

    const error = await request('POST', '/sources', { body: {} }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_error', field: 'intervalMinutes', message: 'Must be at least 5 minutes.' });
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('reports an ended session once, whatever the 401 body looks like', async () => {
    fetchMock.mockResolvedValue(reply(401, { message: 'Unauthorized' }));

    const error = await request('GET', '/sources').catch((caught: unknown) => caught);

    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('treats 401 on a sign-in route as wrong credentials, not an ended session', async () => {
    fetchMock.mockResolvedValue(reply(401, { error: { code: 'unauthorized', message: 'wrong email or password' } }));

    const error = await request('POST', '/auth/local/sign-in', { auth: false, body: {} }).catch((caught: unknown) => caught);

    expect(onUnauthorized).not.toHaveBeenCalled();
    expect(error).toMatchObject({ message: 'Wrong email or password.' });
  });

  it('never shows what a 5xx body says', async () => {
    fetchMock.mockResolvedValue(reply(502, '<html>Bad gateway at proxy-7</html>', 'text/html'));
    const gateway = await request('GET', '/sources').catch((caught: unknown) => caught);
    fetchMock.mockResolvedValue(reply(500, { error: { code: 'internal', message: 'TypeError: x is undefined at handler.ts:12' } }));
    const crash = await request('GET', '/sources').catch((caught: unknown) => caught);

    for (const error of [gateway, crash]) {
      expect(error).toMatchObject({ code: 'internal' });
      expect((error as Error).message).not.toMatch(/proxy|TypeError|handler/);
    }
  });

  it('words a network failure for a person', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'));

    const error = await request('GET', '/sources').catch((caught: unknown) => caught);

    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect((error as Error).message).toMatch(/Cannot reach VTrack/);
  });

  it('returns nothing for 204', async () => {
    fetchMock.mockResolvedValue(reply(204, ''));

    await expect(request('DELETE', '/sources/s1')).resolves.toBeUndefined();
  });
});

describe('request with a renewable session', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const onUnauthorized = vi.fn();
  const renewToken = vi.fn<(rejected: string | null) => Promise<string | null>>();
  let token: string | null;

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    token = 'old';
    configureClient({ getToken: () => token, renewToken, onUnauthorized });
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    onUnauthorized.mockReset();
    renewToken.mockReset();
  });

  const sentTokens = (): unknown[] => fetchMock.mock.calls.map(([, init]) => (init?.headers as Record<string, string>).authorization);

  it('renews once after a 401 and retries with the new token (a new user’s first token without a tenant)', async () => {
    fetchMock.mockResolvedValueOnce(reply(401, { error: { code: 'unauthorized', message: 'sign in to continue' } }));
    fetchMock.mockResolvedValueOnce(reply(200, { tenantId: 'ten_1' }));
    renewToken.mockResolvedValue('new');

    await expect(request('GET', '/me')).resolves.toEqual({ tenantId: 'ten_1' });

    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(renewToken).toHaveBeenCalledWith('old');
    expect(sentTokens()).toEqual(['Bearer old', 'Bearer new']);
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it('ends the session when the renewed token is refused too, without renewing again', async () => {
    fetchMock.mockImplementation(() => Promise.resolve(reply(401, { message: 'Unauthorized' })));
    renewToken.mockResolvedValue('new');

    await expect(request('GET', '/me')).rejects.toMatchObject({ status: 401 });

    expect(renewToken).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('renews an expired token before calling, and ends the session when renewal fails', async () => {
    token = null;
    renewToken.mockResolvedValueOnce('fresh');
    fetchMock.mockResolvedValueOnce(reply(200, { items: [] }));
    await request('GET', '/sources');
    expect(sentTokens()).toEqual(['Bearer fresh']);

    renewToken.mockRejectedValueOnce(new Error('refresh token revoked'));
    fetchMock.mockResolvedValueOnce(reply(401, { message: 'Unauthorized' }));
    renewToken.mockResolvedValueOnce(null);
    await expect(request('GET', '/sources')).rejects.toMatchObject({ code: 'unauthorized' });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('does not renew for sign-in routes, where 401 means wrong credentials', async () => {
    fetchMock.mockResolvedValue(reply(401, { error: { code: 'unauthorized', message: 'wrong email or password' } }));

    await request('POST', '/auth/local/sign-in', { auth: false, body: {} }).catch(() => undefined);

    expect(renewToken).not.toHaveBeenCalled();
  });
});
