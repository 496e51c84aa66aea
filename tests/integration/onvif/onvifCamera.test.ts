import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OnvifCamera } from '../../../adapters/onvif/onvifCamera';
import { OnvifDeviceError } from '../../../adapters/onvif/onvifDeviceError';
import { startFakeOnvifDevice, type FakeOnvifDevice, type FakeOnvifOptions } from '../../fakes/onvif';

const HOUR = 3_600_000;
let device: FakeOnvifDevice | null = null;
const others: Server[] = [];

afterEach(async () => {
  await device?.stop();
  device = null;
  await Promise.all(others.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function start(options: FakeOnvifOptions = {}): Promise<FakeOnvifDevice> {
  device = await startFakeOnvifDevice({ password: 'admin-9!', rtspPort: 8554, ...options });
  return device;
}

const connect = (d: FakeOnvifDevice, password = 'admin-9!') => OnvifCamera.connect({ host: '127.0.0.1', port: d.port, username: 'admin', password, timeoutMs: 3000 });

async function failureOf(promise: Promise<unknown>): Promise<OnvifDeviceError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OnvifDeviceError);
  return error as OnvifDeviceError;
}

describe('OnvifCamera against the ONVIF device fake', () => {
  it('connects with WS-Security, reads identity and both profiles, and knows the camera clock is 7 hours ahead', async () => {
    const d = await start({ clockOffsetMs: 7 * HOUR });
    const camera = await connect(d);
    expect(camera.authMethod).toBe('ws-security');
    expect(camera.info).toMatchObject({ manufacturer: 'HIKVISION', model: 'DS-2CD1023G0E-I' });
    expect(camera.profiles.map((p) => [p.token, p.width, p.height, p.encoding])).toEqual([
      ['Profile_1', 1280, 720, 'H264'],
      ['Profile_2', 640, 360, 'H264'],
    ]);
    expect(Math.abs(camera.clockOffsetMs - 7 * HOUR)).toBeLessThan(3000);
    expect(d.requests.filter((r) => r.operation === 'GetProfiles').every((r) => r.auth === 'ws-security' && r.status === 200)).toBe(true);
  });

  it('names the device address in stream and snapshot URIs when the camera names a private host', async () => {
    const d = await start({ advertisedHost: '192.168.1.64' });
    const camera = await connect(d);
    expect(await camera.streamUri('Profile_2')).toBe('rtsp://127.0.0.1:8554/stream2');
    expect(await camera.snapshotUri('Profile_1')).toBe(`http://127.0.0.1:${d.port}/onvif-http/snapshot?channel=1&profile=Profile_1`);
    // Every media call reached the fake: the service addresses' private host was not used either.
    expect(d.requests.some((r) => r.operation === 'GetStreamUri' && r.status === 200)).toBe(true);
  });

  it('falls back to HTTP digest on a camera that refuses any WS-Security header', async () => {
    const d = await start({ auth: 'digest-strict' });
    const camera = await connect(d);
    expect(camera.authMethod).toBe('digest');
    expect(d.requests.some((r) => r.auth === 'ws-security' && r.status === 400)).toBe(true);
    expect(await camera.streamUri('Profile_1')).toBe('rtsp://127.0.0.1:8554/stream1');
  });

  it('answers a digest-only camera through its 401 challenge, and falls back to GetCapabilities on an older device', async () => {
    const d = await start({ auth: 'digest', getServices: false });
    const camera = await connect(d);
    expect(camera.profiles).toHaveLength(2);
    expect(d.requests.some((r) => r.operation === 'GetCapabilities' && r.auth === 'digest' && r.status === 200)).toBe(true);
  });

  it('a Vietnamese password works: the package hashes WS-Security passwords as ASCII, so digest takes over', async () => {
    const d = await start({ password: 'Mật khẩu camera 1' });
    const camera = await connect(d, 'Mật khẩu camera 1');
    expect(camera.authMethod).toBe('digest');
    expect(camera.profiles).toHaveLength(2);
  });

  it('fetches a snapshot through digest auth', async () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    const d = await start({ snapshotJpeg: jpeg });
    const camera = await connect(d);
    expect(Buffer.compare(await camera.snapshot('Profile_1'), jpeg)).toBe(0);
  });

  it('keeps working after the camera clock resets to 1970 (the offset is measured again)', async () => {
    const d = await start({ clockOffsetMs: 2 * HOUR });
    const camera = await connect(d);
    d.setClockOffset(-Date.now() + 60_000);
    expect(await camera.streamUri('Profile_1')).toBe('rtsp://127.0.0.1:8554/stream1');
    expect(camera.clockOffsetMs).toBeLessThan(-50 * 365 * 24 * HOUR);
    expect(d.requests.some((r) => r.operation === 'GetStreamUri' && r.status === 400)).toBe(true);
  });

  it('a wrong password is told apart, for WS-Security and digest cameras alike', async () => {
    for (const auth of ['ws-security', 'digest', 'digest-strict'] as const) {
      const d = await start({ auth });
      const error = await failureOf(connect(d, 'wrong'));
      expect(error.reason, auth).toBe('wrong_password');
      expect(error.message).toContain(`127.0.0.1:${d.port}`);
      expect(error.message).toMatch(/refused the user name or password/);
      await d.stop();
      device = null;
    }
  });

  it('an address where nothing listens is unreachable; a web server that is not ONVIF says so', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await failureOf(OnvifCamera.connect({ host: '127.0.0.1', port: closedPort, username: 'admin', password: 'x', timeoutMs: 2000 }));
    expect(unreachable.reason).toBe('unreachable');

    const router = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!DOCTYPE html><html><head><title>TP-Link router</title></head><body>Login</body></html>');
    });
    others.push(router);
    await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
    const notOnvif = await failureOf(OnvifCamera.connect({ host: '127.0.0.1', port: (router.address() as AddressInfo).port, username: 'admin', password: 'x', timeoutMs: 2000 }));
    expect(notOnvif.reason).toBe('not_onvif');
  });

  it('a device that accepts the connection and never answers is unreachable within the timeout', async () => {
    const silent = createServer(() => undefined);
    others.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    const error = await failureOf(OnvifCamera.connect({ host: '127.0.0.1', port: (silent.address() as AddressInfo).port, username: 'admin', password: 'x', timeoutMs: 1500 }));
    expect(error.reason).toBe('unreachable');
    expect(Date.now() - started).toBeLessThan(10_000);
    silent.closeAllConnections();
  });
});
