import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadRefresh, savePending, saveRefresh, takePending } from './cognitoStore';
import { memoryStorage } from './memoryStorage.testing';

const pending = { state: 's1', verifier: 'v1', next: '/sources/new', domain: 'https://auth.example', clientId: 'c1' };

describe('cognitoStore', () => {
  beforeEach(() => {
    vi.stubGlobal('sessionStorage', memoryStorage());
    vi.stubGlobal('localStorage', memoryStorage());
  });
  afterEach(() => vi.unstubAllGlobals());

  it('hands back the pending sign-in exactly once', () => {
    savePending(pending);

    expect(takePending()).toEqual(pending);
    expect(takePending()).toBeNull();
  });

  it('keeps the pending round trip in this tab only, the refresh token across tabs', () => {
    savePending(pending);
    saveRefresh({ domain: 'https://auth.example', clientId: 'c1', refreshToken: 'r1' });

    expect(localStorage.getItem('vtrack.cognito.pending')).toBeNull();
    expect(sessionStorage.getItem('vtrack.cognito')).toBeNull();
    expect(loadRefresh()).toEqual({ domain: 'https://auth.example', clientId: 'c1', refreshToken: 'r1' });
  });

  it('treats a damaged or partial entry as none, and forgets on request', () => {
    localStorage.setItem('vtrack.cognito', '{"domain":"https://auth.example","clientId":"c1"}');
    expect(loadRefresh()).toBeNull();
    sessionStorage.setItem('vtrack.cognito.pending', 'not json');
    expect(takePending()).toBeNull();

    saveRefresh({ domain: 'd', clientId: 'c', refreshToken: 'r' });
    saveRefresh(null);
    expect(loadRefresh()).toBeNull();
  });
});
