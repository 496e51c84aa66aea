// google-auth-library's service-account path (gtoken) posts to a hard-coded
// https://oauth2.googleapis.com/token. This Gaxios instance, passed as the
// auth client's `transporter`, rewrites Google's token and revoke URLs to the
// fake and leaves every other URL alone (Drive calls already use rootUrl).
import { Auth } from 'googleapis';
import type { FakeGoogle } from './startFakeGoogle';

const REWRITES: Array<[RegExp, keyof FakeGoogle['endpoints']]> = [
  [/^https:\/\/(oauth2\.googleapis\.com\/token|www\.googleapis\.com\/oauth2\/v4\/token)/, 'oauth2TokenUrl'],
  [/^https:\/\/oauth2\.googleapis\.com\/revoke/, 'oauth2RevokeUrl'],
];

export function fakeGoogleTransporter(fake: Pick<FakeGoogle, 'endpoints'>): InstanceType<typeof Auth.gaxios.Gaxios> {
  const gaxios = new Auth.gaxios.Gaxios();
  gaxios.interceptors.request.add({
    resolved: async (config) => {
      const url = config.url.toString();
      for (const [pattern, endpoint] of REWRITES) {
        const match = pattern.exec(url);
        if (match) config.url = new URL(fake.endpoints[endpoint] + url.slice(match[0].length));
      }
      return config;
    },
  });
  return gaxios;
}
