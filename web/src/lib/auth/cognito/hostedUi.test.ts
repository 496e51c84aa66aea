import { describe, expect, it } from 'vitest';
import { authorizeUrl, logoutUrl } from './hostedUi';

const config = { domain: 'https://vtrack.auth.eu-west-1.amazoncognito.com', clientId: 'client-1' };

describe('hosted UI URLs', () => {
  it('asks for a code with PKCE, the openid scopes and the app’s callback', () => {
    const url = new URL(authorizeUrl(config, { origin: 'https://app.example', state: 'st', challenge: 'ch' }));

    expect(`${url.origin}${url.pathname}`).toBe('https://vtrack.auth.eu-west-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://app.example/auth/callback',
      scope: 'openid email profile',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('sends a new person to the sign-up page with the same parameters', () => {
    const url = new URL(authorizeUrl(config, { origin: 'https://app.example', state: 'st', challenge: 'ch', signUp: true }));
    expect(url.pathname).toBe('/signup');
    expect(url.searchParams.get('code_challenge')).toBe('ch');
  });

  it('logs out of the hosted UI and comes back to the app’s root', () => {
    const url = new URL(logoutUrl(config, 'https://app.example'));
    expect(url.pathname).toBe('/logout');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('logout_uri')).toBe('https://app.example/');
  });
});
