/**
 * The site under its Content-Security-Policy: every page of the web app is
 * walked in Chromium with real data and must cause no CSP violation; a
 * presigned footage URL of the S3 stand-in plays under media-src; an injected
 * inline script is refused; and the page, its assets and the API carry the
 * security headers of the one shared definition (infra/shared/siteSecurityPolicy.ts).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localClientConfig } from '../../infra/local/awsClientConfig';
import { apiSecurityPolicy, originOf, securityHeaderValues, siteSecurityPolicy } from '../../infra/shared/siteSecurityPolicy';
import { validLocalSource } from '../support/localStackHarness';
import { startGoogleBrowserStack, type GoogleBrowserStack } from './support/browserStack';
import type { GoogleWebStack } from './support/googleWebStack';

let web: GoogleBrowserStack | undefined;
let stack: GoogleWebStack | undefined;
let page: Page;
let pageErrors: string[];
let scratch: string;

beforeAll(async () => {
  [web, scratch] = await Promise.all([startGoogleBrowserStack(), mkdtemp(path.join(tmpdir(), 'vtrack-csp-'))]);
  ({ stack, page, errors: pageErrors } = web);
}, 120_000);

afterAll(async () => {
  await web?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Each page of web/src/routes/routes.ts, visited as a user reaches it. */
async function visit(pathname: string, ready: () => Promise<unknown>): Promise<void> {
  await page.goto(pathname);
  await ready();
  // Late loads (lazy chunks, polls) get a moment to violate too.
  await page.waitForTimeout(300);
}

describe('the web app under its Content-Security-Policy', () => {
  it('sends the shared security headers on the page, its assets and errors, and the API\'s shorter ones on every API answer', async () => {
    // Prepare
    const site = securityHeaderValues(siteSecurityPolicy({ connect: [], media: [originOf(stack?.harness.stack.endpoints.s3 ?? '')] }));
    const api = securityHeaderValues(apiSecurityPolicy());
    const html = await (await fetch(`${stack?.url}/sources`)).text();
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';

    // Act
    const fetchAll = (paths: string[]) => Promise.all(paths.map((p) => fetch(`${stack?.url}${p}`)));
    const pages = await fetchAll(['/', '/sources/anything', asset, '/%E0%A4%A', '/apis-are-pages-too']);
    const answers = await fetchAll(['/api/health', '/api/no-such-route', '/api/sources', '/api/sources/%E0%A4%A']);

    // Assess: each carries its own set, and nothing of the other's.
    expect(asset).not.toBe('');
    for (const [responses, expected] of [[pages, site], [answers, api]] as const) {
      for (const response of responses) {
        for (const [name, value] of Object.entries(expected)) expect(`${response.url} ${name}: ${response.headers.get(name)}`).toBe(`${response.url} ${name}: ${value}`);
      }
    }
    for (const response of answers) {
      expect(response.headers.get('permissions-policy')).toBeNull();
      expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    }
    expect(api['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('walks every page with real data and sees no violation', { timeout: 90_000 }, async () => {
    // Signed out: sign-up, sign-in, password reset, a page that does not exist.
    await visit('/sign-in', () => page.getByRole('button', { name: 'Sign in' }).waitFor());
    await visit('/forgot-password', () => page.getByRole('link', { name: 'Back to sign in' }).waitFor());
    await visit('/no-such-page', () => page.getByRole('heading', { name: 'Page not found' }).waitFor());
    await visit('/sign-up', () => page.getByLabel('Company or team name').waitFor());
    await page.getByLabel('Company or team name').fill('Cửa hàng CSP');
    await page.getByLabel('Email').fill('owner@csp-shop.test');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('link', { name: 'Add your first source' }).waitFor();

    // Signed in: a source to show, made through the API as the page would.
    const sourceId = await page.evaluate<string>(`(async () => {
      const session = JSON.parse(localStorage.getItem('vtrack.session') ?? '{}');
      const response = await fetch('/api/sources', {
        method: 'POST',
        headers: { authorization: 'Bearer ' + session.token, 'content-type': 'application/json' },
        body: ${JSON.stringify(JSON.stringify(validLocalSource))},
      });
      return (await response.json()).id;
    })()`);
    await visit('/sources', () => page.getByText(validLocalSource.name).first().waitFor());
    await visit(`/sources/${sourceId}`, () => page.getByRole('heading', { name: validLocalSource.name, level: 1 }).waitFor());
    await visit(`/sources/${sourceId}/edit`, () => page.getByRole('button', { name: 'Save changes' }).waitFor());
    await visit('/sources/new', () => page.getByRole('heading', { name: 'Add source', level: 1 }).waitFor());
    await visit('/settings', () => page.getByTestId('time-zone-preview').waitFor());
    await visit('/agents', () => page.getByRole('heading', { name: 'Agents', level: 1 }).waitFor());
    await visit('/connect/google/callback', () => page.getByTestId('consent-problem').waitFor());

    expect(pageErrors).toEqual([]);
  });

  it('plays a presigned footage URL of the bucket under media-src', { timeout: 60_000 }, async () => {
    // Prepare: a short H.264 clip in the footage bucket, and a presigned GET as the API would hand out.
    const clip = path.join(scratch, 'clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=duration=1:size=160x120:rate=10', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', clip]);
    const s3 = new S3Client(localClientConfig(stack?.harness.stack.endpoints.s3 ?? ''));
    const Bucket = stack?.harness.stack.bucketName ?? '';
    await s3.send(new PutObjectCommand({ Bucket, Key: 'ten_csp/clip.mp4', Body: await readFile(clip), ContentType: 'video/mp4' }));
    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'ten_csp/clip.mp4' }), { expiresIn: 300 });
    s3.destroy();

    // Act
    const played = await page.evaluate<string>(`new Promise((resolve) => {
      const video = document.createElement('video');
      video.muted = true;
      document.body.append(video);
      video.addEventListener('loadedmetadata', () => resolve('loaded ' + video.videoWidth + 'x' + video.videoHeight));
      video.addEventListener('error', () => resolve('error ' + (video.error ? video.error.code : '')));
      video.src = ${JSON.stringify(url)};
    })`);

    // Assess
    expect(played).toBe('loaded 160x120');
    expect(pageErrors).toEqual([]);
  });

  it('refuses a script injected into the page, and reports it', async () => {
    // Act: what an XSS would try: an inline script added to the document.
    await page.evaluate(`{
      const script = document.createElement('script');
      script.textContent = 'window.injectedRan = true;';
      document.body.append(script);
    }`);
    await page.waitForTimeout(200);

    // Assess
    expect(await page.evaluate<unknown>('window.injectedRan')).toBeUndefined();
    expect(pageErrors).toContainEqual(expect.stringMatching(/^console: CSP violation: script-src-elem blocked inline/));
    expect(pageErrors.every((problem) => /Content Security Policy|CSP violation/.test(problem))).toBe(true);
    pageErrors.length = 0;
  });
});
