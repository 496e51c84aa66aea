import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { ReauthRequiredError } from '../../../core/errors';
import type { GoogleConnection } from '../../../core/google/googleConnection';
import { startFakeGoogle, type FakeGoogle } from '../../fakes/drive';
import { fakeGoogleAdapter } from '../../support/fakeGoogleAdapter';
import { testGoogleConnection } from '../../support/testGoogleConnection';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const connection: GoogleConnection = testGoogleConnection('ten_1', 'gc_refresh');

/**
 * The access token's life as the provider lives it: the clock (Date only, so
 * sockets and timers stay real) moves for both the Drive fake, which refuses
 * expired tokens, and the Google client, which decides when to refresh.
 */
describe('Google access tokens are refreshed before they expire', () => {
  let fake: FakeGoogle;

  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2025-07-18T09:00:00Z'));
    fake = await startFakeGoogle({ accessTokenTtlSeconds: 3600, now: () => Date.now() });
  });
  afterAll(async () => {
    await fake.stop();
    vi.useRealTimers();
  });
  afterEach(() => fake.resetCounts());

  const tokenRequests = (): number => fake.requests.filter((request) => request.operation === 'token').length;
  const refusedCalls = (): number => fake.requests.filter((request) => request.operation === 'about.get' && request.status === 401).length;

  test('a token is reused while it has time left, and replaced before it runs out, not after a refusal', async () => {
    // Prepare
    const refreshToken = fake.oauth.grant().refresh_token ?? '';
    const provider = fakeGoogleAdapter(fake).providerForConnection(connection, refreshToken);

    // Act
    await provider.account(); // the first call gets a token
    const afterFirst = tokenRequests();
    vi.setSystemTime(Date.now() + 30 * MINUTE_MS);
    await provider.account(); // half an hour left: reused
    const afterReuse = tokenRequests();
    vi.setSystemTime(Date.now() + 28 * MINUTE_MS);
    await provider.account(); // two minutes left, still valid at Google: replaced first
    const afterNearExpiry = tokenRequests();

    // Assess
    expect([afterFirst, afterReuse, afterNearExpiry]).toEqual([1, 1, 2]);
    expect(refusedCalls()).toBe(0);
    expect(fake.requests.filter((request) => request.operation === 'about.get').map((request) => request.status)).toEqual([200, 200, 200]);
  });

  test('a token that expired while the function was idle (an hour and more) is replaced before the call', async () => {
    // Prepare
    const refreshToken = fake.oauth.grant().refresh_token ?? '';
    const provider = fakeGoogleAdapter(fake).providerForConnection({ ...connection, id: 'gc_idle' }, refreshToken);
    await provider.account();
    fake.resetCounts();

    // Act
    vi.setSystemTime(Date.now() + 2 * HOUR_MS);
    const account = await provider.account();

    // Assess
    expect(account.email).toBe('test.user@example.com');
    expect(tokenRequests()).toBe(1);
    expect(refusedCalls()).toBe(0);
  });

  test('a 401 on a token the client still thinks valid (revoked or rotated at Google) refreshes it once and the call succeeds', async () => {
    // Prepare
    const refreshToken = fake.oauth.grant().refresh_token ?? '';
    const provider = fakeGoogleAdapter(fake).providerForConnection({ ...connection, id: 'gc_rotated' }, refreshToken);
    await provider.account();
    fake.oauth.expireAccessTokens(); // refused by Google from now on, though the client's expiry is an hour away
    fake.resetCounts();

    // Act
    const account = await provider.account();

    // Assess
    expect(account.email).toBe('test.user@example.com');
    expect(tokenRequests()).toBe(1);
    expect(fake.requests.filter((request) => request.operation === 'about.get').map((request) => request.status)).toEqual([401, 200]);
  });

  test('a 401 whose refresh is refused (the grant is gone) still ends in ReauthRequiredError, after one token call', async () => {
    // Prepare
    const refreshToken = fake.oauth.grant().refresh_token ?? '';
    const provider = fakeGoogleAdapter(fake).providerForConnection({ ...connection, id: 'gc_revoked' }, refreshToken);
    await provider.account();
    fake.oauth.expireAccessTokens();
    fake.oauth.revokeGrant(refreshToken);
    fake.resetCounts();

    // Act
    const refused = await provider.account().then(
      () => null,
      (error: unknown) => error,
    );

    // Assess
    expect(refused).toBeInstanceOf(ReauthRequiredError);
    expect(tokenRequests()).toBe(1);
  });
});
