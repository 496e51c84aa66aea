import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadRefresh, saveRefresh } from './cognitoStore';
import { memoryStorage } from './memoryStorage.testing';

describe('cognitoStore', () => {
  beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the refresh token with the user-pool API and client it renews against', () => {
    saveRefresh({ endpoint: 'https://cognito-idp.ap-southeast-1.amazonaws.com/', clientId: 'c1', refreshToken: 'r1' });

    expect(loadRefresh()).toEqual({ endpoint: 'https://cognito-idp.ap-southeast-1.amazonaws.com/', clientId: 'c1', refreshToken: 'r1' });
  });

  it('treats a damaged entry, or one left by the hosted-UI sign-in, as none, and forgets on request', () => {
    localStorage.setItem('vtrack.cognito', '{"domain":"https://auth.example","clientId":"c1","refreshToken":"r"}');
    expect(loadRefresh()).toBeNull();
    localStorage.setItem('vtrack.cognito', 'not json');
    expect(loadRefresh()).toBeNull();

    saveRefresh({ endpoint: 'e', clientId: 'c', refreshToken: 'r' });
    saveRefresh(null);
    expect(loadRefresh()).toBeNull();
  });
});
