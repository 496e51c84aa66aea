// A real googleapis Drive client wired to the fake, as production code would
// build it: an OAuth2 client whose endpoints are the fake's, holding tokens
// (with expiry_date, as an app stores them) minted by the fake.
import type { drive_v3 } from 'googleapis';
import { google } from 'googleapis';
import type { FakeGoogle, TokenSet } from '../../../fakes/drive';
import { DEFAULT_CLIENT } from '../../../fakes/drive';

export interface FakeDriveClient {
  auth: InstanceType<typeof google.auth.OAuth2>;
  drive: drive_v3.Drive;
  tokens: TokenSet;
}

export function oauthClientFor(fake: FakeGoogle, redirectUri?: string): InstanceType<typeof google.auth.OAuth2> {
  return new google.auth.OAuth2({
    clientId: DEFAULT_CLIENT.clientId,
    clientSecret: DEFAULT_CLIENT.clientSecret,
    ...(redirectUri ? { redirectUri } : {}),
    endpoints: fake.endpoints,
  });
}

export function driveClientFor(fake: FakeGoogle, tokens: TokenSet = fake.oauth.grant()): FakeDriveClient {
  const auth = oauthClientFor(fake);
  auth.setCredentials({
    access_token: tokens.access_token,
    refresh_token: tokens.refresh_token ?? null,
    expiry_date: Date.now() + tokens.expires_in * 1000,
  });
  return { auth, tokens, drive: google.drive({ version: 'v3', auth, rootUrl: fake.rootUrl }) };
}
