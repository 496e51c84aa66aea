// Fault injection, observability and lifecycle of the fake, seen from the
// googleapis client: rate-limit bodies, 5xx, resets mid-body, wrong md5,
// slow responses, the request log, and stop() with live keep-alive sockets.
import { Agent, get } from 'node:http';
import { describe, expect, test } from 'vitest';
import type { drive_v3 } from 'googleapis';
import type { FakeGoogle } from '../../fakes/drive';
import { startFakeGoogle } from '../../fakes/drive';
import { driveClientFor } from './support/driveClientFor';
import { useFakeDrive } from './support/useFakeDrive';
import { driveReason, gaxiosFailure } from './support/gaxiosFailure';
import { caught, md5Hex, md5OfStream, readAll } from './support/streams';

describe('Drive fake: faults', () => {
  let fake: FakeGoogle;
  let drive: drive_v3.Drive;

  useFakeDrive((started, client) => {
    fake = started;
    drive = client;
  });

  test('a 403 userRateLimitExceeded reaches the client as a GaxiosError with the reason readable', async () => {
    // Prepare
    fake.faults.add({ match: { operation: 'files.list' }, respond: { status: 403, reason: 'userRateLimitExceeded' } });

    // Act
    const error = await caught(drive.files.list({}));

    // Assess
    const failure = gaxiosFailure(error);
    expect(failure.status).toBe(403);
    expect(driveReason(error)).toBe('userRateLimitExceeded');
    expect(failure.data).toEqual({
      error: {
        code: 403,
        message: 'User Rate Limit Exceeded',
        errors: [{ domain: 'usageLimits', reason: 'userRateLimitExceeded', message: 'User Rate Limit Exceeded' }],
        status: 'PERMISSION_DENIED',
      },
    });
    expect(fake.counts()['files.list']).toBe(1);
  });

  test('a 429 carries Retry-After and the rateLimitExceeded body', async () => {
    // Prepare
    fake.faults.add({ match: { operation: 'changes.getStartPageToken' }, respond: { status: 429, retryAfterSeconds: 7 } });

    // Act
    const error = await caught(drive.changes.getStartPageToken({}, { retry: false }));

    // Assess
    const failure = gaxiosFailure(error);
    expect(failure.status).toBe(429);
    expect(failure.headers?.get('retry-after')).toBe('7');
    expect(driveReason(error)).toBe('rateLimitExceeded');
  });

  test('faults count down: one 503 is retried by googleapis and the second call succeeds', async () => {
    // Prepare
    fake.drive.addFile({ name: 'a.mp4', content: Buffer.from('a') });
    fake.faults.add({ match: { operation: 'files.list' }, times: 1, respond: { status: 503 } });

    // Act
    const res = await drive.files.list({ fields: 'files(name)' });

    // Assess
    expect(res.data.files).toEqual([{ name: 'a.mp4' }]);
    expect(fake.requests.map((r) => r.status)).toEqual([503, 200]);
    expect(fake.faults.pending()).toBe(0);
  });

  test('a fault matched by fileId spares other files', async () => {
    // Prepare
    const sick = fake.drive.addFile({ name: 'sick.mp4', content: Buffer.from('s') });
    const healthy = fake.drive.addFile({ name: 'ok.mp4', content: Buffer.from('h') });
    fake.faults.add({ match: { fileId: sick }, times: 5, respond: { status: 403, reason: 'downloadQuotaExceeded' } });

    // Act
    const refused = await caught(drive.files.get({ fileId: sick, alt: 'media' }));
    const served = await drive.files.get({ fileId: healthy, alt: 'media' }, { responseType: 'stream' });

    // Assess
    expect(driveReason(refused)).toBe('downloadQuotaExceeded');
    expect((await readAll(served.data)).toString()).toBe('h');
    expect(fake.faults.pending()).toBe(4);
  });

  test('a reset mid-body surfaces as a stream error; a ranged read from the bytes received completes the file', async () => {
    // Prepare
    const size = 1024 * 1024;
    const id = fake.drive.addFile({ name: 'cut.mp4', content: { syntheticBytes: size, seed: 3 } });
    const expected = (await drive.files.get({ fileId: id, fields: 'md5Checksum' })).data.md5Checksum;
    fake.faults.add({ match: { operation: 'files.get.media', fileId: id }, respond: { resetAfterBytes: 300_000 } });
    const received: Buffer[] = [];

    // Act
    const first = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' });
    const streamError = await caught(
      (async () => {
        for await (const chunk of first.data) received.push(chunk as Buffer);
      })(),
    );
    const have = Buffer.concat(received).length;
    const rest = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream', headers: { Range: `bytes=${have}-` } });
    received.push(await readAll(rest.data));

    // Assess
    expect(streamError).toBeInstanceOf(Error);
    expect(have).toBeGreaterThan(0);
    expect(have).toBeLessThanOrEqual(300_000);
    expect(fake.requests.find((r) => r.operation === 'files.get.media')?.bytesSent).toBe(300_000);
    expect(md5Hex(Buffer.concat(received))).toBe(expected);
  });

  test('setWrongMd5 makes metadata disagree with the bytes', async () => {
    // Prepare
    const bytes = Buffer.from('honest bytes');
    const id = fake.drive.addFile({ name: 'w.mp4', content: bytes });
    fake.drive.setWrongMd5(id);

    // Act
    const advertised = (await drive.files.get({ fileId: id, fields: 'md5Checksum' })).data.md5Checksum;
    const media = await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' });
    const actual = await md5OfStream(media.data);

    // Assess
    expect(actual.md5).toBe(md5Hex(bytes));
    expect(advertised).toMatch(/^[0-9a-f]{32}$/);
    expect(advertised).not.toBe(actual.md5);
  });

  test('delayMs slows one response down', async () => {
    // Prepare
    fake.faults.add({ match: { operation: 'about.get' }, respond: { delayMs: 300 } });
    const started = performance.now();

    // Act
    await drive.about.get({ fields: 'user' });
    const slow = performance.now() - started;
    const again = performance.now();
    await drive.about.get({ fields: 'user' });
    const fast = performance.now() - again;

    // Assess
    expect(slow).toBeGreaterThanOrEqual(290);
    expect(fast).toBeLessThan(250);
  });

  test('a token-endpoint fault answers in OAuth error shape', async () => {
    // Prepare
    const { auth } = driveClientFor(fake);
    fake.faults.add({ match: { operation: 'token' }, respond: { status: 400, reason: 'invalid_grant', message: 'Token has been expired or revoked.' } });

    // Act
    const error = await caught(auth.refreshAccessToken());

    // Assess
    expect(gaxiosFailure(error).data).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });
});

describe('Drive fake: observability and lifecycle', () => {
  test('logs each request with operation, status and bytes, counts by operation, and resets', async () => {
    // Prepare
    const fake = await startFakeGoogle();
    const { drive } = driveClientFor(fake);
    const id = fake.drive.addFile({ name: 'a.bin', content: Buffer.alloc(1234) });

    // Act
    await drive.files.list({});
    await readAll((await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' })).data);
    await drive.files.get({ fileId: id });
    const counts = fake.counts();
    fake.resetCounts();
    const afterReset = fake.counts();
    await fake.stop();

    // Assess
    expect(counts).toEqual({ 'files.list': 1, 'files.get.media': 1, 'files.get': 1 });
    expect(afterReset).toEqual({});
    expect(fake.requests).toEqual([]);
  });

  test('the media request is logged with method, path, status and bytes sent', async () => {
    // Prepare
    const fake = await startFakeGoogle();
    const { drive } = driveClientFor(fake);
    const id = fake.drive.addFile({ name: 'a.bin', content: Buffer.alloc(1234) });

    // Act
    await readAll((await drive.files.get({ fileId: id, alt: 'media' }, { responseType: 'stream' })).data);
    await fake.stop();

    // Assess
    expect(fake.requests[0]).toMatchObject({ method: 'GET', path: `/drive/v3/files/${id}`, operation: 'files.get.media', fileId: id, status: 200, bytesSent: 1234 });
  });

  test('listens on 127.0.0.1 and stop() closes idle keep-alive connections promptly', async () => {
    // Prepare
    const fake = await startFakeGoogle();
    const agent = new Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      get(`${fake.baseUrl}/drive/v3/about`, { agent }, (res) => {
        res.resume();
        res.on('end', resolve);
      }).on('error', reject);
    });

    // Act
    const started = performance.now();
    await fake.stop();
    const took = performance.now() - started;
    const after = await caught(fetch(`${fake.baseUrl}/drive/v3/about`));
    agent.destroy();

    // Assess
    expect(fake.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(took).toBeLessThan(1000);
    expect(after).toBeInstanceOf(TypeError);
  });
});
