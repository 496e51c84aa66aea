// An ONVIF Profile S device on a loopback port: SOAP 1.2 over HTTP for the
// device and media services the `onvif` package calls, WS-Security
// UsernameToken or HTTP digest, its own clock, and the vendor quirks seen in
// the field (service and stream addresses naming a private host the agent
// cannot reach; cameras that refuse a WS-Security header outright).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../listenOnLoopback';
import { capabilities, deviceInformation, mediaUri, profilesResponse, services, systemDateAndTime, videoSources, type DeviceIdentity, type FakeProfile } from './deviceResponses';
import { HttpDigestServer } from './httpDigestServer';
import { RecordingServices, REPLAY_NS, SEARCH_NS, type FakeRecording } from './recordingResponses';
import { envelope, fault, operationOf, textOf } from './soapEnvelope';
import { verifyUsernameToken } from './wsSecurity';

/**
 * - `ws-security`: a valid UsernameToken is required (HTTP digest also accepted).
 * - `digest`: only HTTP digest counts; a WS-Security header is ignored (401 challenge).
 * - `digest-strict`: HTTP digest only, and a request carrying a WS-Security header is
 *   refused with ter:NotAuthorized (400), as some firmwares do.
 */
export type FakeAuthMode = 'ws-security' | 'digest' | 'digest-strict';

export interface FakeOnvifOptions {
  readonly username?: string;
  readonly password?: string;
  readonly auth?: FakeAuthMode;
  /** The device clock runs this far from the host's (ms); a camera whose clock reset to 1970 is far off. */
  readonly clockOffsetMs?: number;
  /** How far a UsernameToken's Created may be from the device clock. Default 10 s. */
  readonly clockToleranceMs?: number;
  /** Host the device names in its service addresses and stream URIs. Default: 127.0.0.1 (the truth). */
  readonly advertisedHost?: string;
  /** Port of the RTSP server its stream URIs name. */
  readonly rtspPort?: number;
  readonly profiles?: readonly FakeProfile[];
  readonly identity?: Partial<DeviceIdentity>;
  /** JPEG answered for snapshots (a real frame in tests that look at it). */
  readonly snapshotJpeg?: Buffer;
  /** An older device without GetServices: the client falls back to GetCapabilities. */
  readonly getServices?: boolean;
  /** Profile G: recordings this device (an NVR or a camera with an SD card) can search and replay. */
  readonly recordings?: readonly FakeRecording[];
}

export interface LoggedOnvifRequest {
  readonly operation: string;
  readonly path: string;
  readonly auth: 'ws-security' | 'digest' | 'none';
  readonly status: number;
}

export interface FakeOnvifDevice {
  readonly host: string;
  readonly port: number;
  /** http://127.0.0.1:port/onvif/device_service */
  readonly deviceUrl: string;
  readonly requests: readonly LoggedOnvifRequest[];
  /** The device's clock jumps (a reset after a power cut). */
  setClockOffset(ms: number): void;
  setPassword(password: string): void;
  stop(): Promise<void>;
}

const DEFAULT_PROFILES: readonly FakeProfile[] = [
  { token: 'Profile_1', name: 'mainStream', width: 1280, height: 720, fps: 15, rtspPath: '/stream1' },
  { token: 'Profile_2', name: 'subStream', width: 640, height: 360, fps: 15, rtspPath: '/stream2' },
];

const DEFAULT_IDENTITY: DeviceIdentity = { manufacturer: 'HIKVISION', model: 'DS-2CD1023G0E-I', firmwareVersion: 'V5.7.3 build 220112', serialNumber: 'DS-2CD1023G0E-I20230101AAWRJ00000000', hardwareId: '88' };

const TINY_JPEG = Buffer.from('/9j/4AAQSkZJRgABAgAAAQABAAD//gAQTGF2YzU5LjM3LjEwMAD/2wBDAAgEBAQEBAUFBQUFBQYGBgYGBgYGBgYGBgYHBwcICAgHBwcGBgcHCAgICAkJCQgICAgJCQoKCgwMCwsODg4RERT/xABKAAEAAAAAAAAAAAAAAAAAAAAAAQEAAAAAAAAAAAAAAAAAAAAAEAEAAAAAAAAAAAAAAAAAAAAAEQEAAAAAAAAAAAAAAAAAAAAA/8AAEQgACAAIAwEiAAIRAAMRAP/aAAwDAQACEQMRAD8AAA//2Q==', 'base64');

export async function startFakeOnvifDevice(options: FakeOnvifOptions = {}): Promise<FakeOnvifDevice> {
  let password = options.password ?? 'admin12345';
  const username = options.username ?? 'admin';
  const mode = options.auth ?? 'ws-security';
  let clockOffsetMs = options.clockOffsetMs ?? 0;
  const toleranceMs = options.clockToleranceMs ?? 10_000;
  const profiles = options.profiles ?? DEFAULT_PROFILES;
  const identity = { ...DEFAULT_IDENTITY, ...options.identity };
  const digest = new HttpDigestServer('IP Camera', () => ({ username, password }));
  const requests: LoggedOnvifRequest[] = [];
  let port = 0;

  const advertised = () => `http://${options.advertisedHost ?? '127.0.0.1'}:${port}`;
  const rtspBase = () => `rtsp://${options.advertisedHost ?? '127.0.0.1'}:${options.rtspPort ?? 554}`;
  const recordingServices = options.recordings === undefined ? null : new RecordingServices(options.recordings);
  const profileGServices = recordingServices === null ? [] : [{ namespace: SEARCH_NS, path: '/onvif/search_service' }, { namespace: REPLAY_NS, path: '/onvif/replay_service' }];
  const profileOf = (xml: string) => profiles.find((p) => p.token === textOf(xml, 'ProfileToken'));

  const send = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8', ...headers });
    res.end(body);
  };

  /** null when the caller may go on; otherwise the refusal already sent. */
  const authenticate = (req: IncomingMessage, res: ServerResponse, xml: string, log: (auth: LoggedOnvifRequest['auth'], status: number) => void): boolean => {
    const httpVerdict = digest.verify(req);
    if (httpVerdict === 'ok') return (log('digest', 200), true);
    if (httpVerdict === 'wrong') {
      log('digest', 401);
      send(res, 401, fault('Sender', 'ter:NotAuthorized', 'Sender not Authorized'), { 'WWW-Authenticate': digest.challenge() });
      return false;
    }
    const wsse = verifyUsernameToken(xml, { username, password }, Date.now() + clockOffsetMs, toleranceMs);
    if (mode === 'digest-strict' && wsse !== 'absent') {
      log('ws-security', 400);
      send(res, 400, fault('Sender', 'ter:NotAuthorized', 'Sender not Authorized: WS-Security is disabled on this device'));
      return false;
    }
    if (mode === 'ws-security') {
      if (wsse === 'ok') return (log('ws-security', 200), true);
      if (wsse !== 'absent') {
        log('ws-security', 400);
        send(res, 400, fault('Sender', 'ter:NotAuthorized', wsse === 'stale' ? 'Sender not Authorized: the token was created too far from the device time' : 'Sender not Authorized'));
        return false;
      }
    }
    log('none', 401);
    send(res, 401, fault('Sender', 'ter:NotAuthorized', 'Sender not Authorized'), { 'WWW-Authenticate': digest.challenge() });
    return false;
  };

  const answer = (operation: string, xml: string): string | null => {
    switch (operation) {
      case 'GetServices':
        return options.getServices === false ? null : services(advertised(), profileGServices);
      case 'GetCapabilities':
        return capabilities(advertised());
      case 'GetDeviceInformation':
        return deviceInformation(identity);
      case 'GetVideoSources':
        return videoSources(profiles);
      case 'GetProfiles':
        return profilesResponse(profiles);
      case 'GetStreamUri': {
        const profile = profileOf(xml);
        return profile === undefined ? null : mediaUri('GetStreamUriResponse', rtspBase() + profile.rtspPath);
      }
      case 'GetSnapshotUri': {
        const profile = profileOf(xml);
        return profile === undefined ? null : mediaUri('GetSnapshotUriResponse', `${advertised()}/onvif-http/snapshot?channel=1&profile=${profile.token}`);
      }
      default:
        return recordingServices?.answer(operation, xml) ?? null;
    }
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      if (req.method === 'GET' && path === '/onvif-http/snapshot') {
        const verdict = digest.verify(req);
        requests.push({ operation: 'snapshot', path, auth: verdict === 'absent' ? 'none' : 'digest', status: verdict === 'ok' ? 200 : 401 });
        if (verdict !== 'ok') {
          res.writeHead(401, { 'WWW-Authenticate': digest.challenge(), 'Content-Type': 'text/html' });
          res.end('<html><body>401 Unauthorized</body></html>');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'image/jpeg' });
        res.end(options.snapshotJpeg ?? TINY_JPEG);
        return;
      }
      const xml = Buffer.concat(chunks).toString('utf8');
      const operation = operationOf(xml);
      if (req.method !== 'POST' || operation === null) {
        requests.push({ operation: operation ?? 'none', path, auth: 'none', status: 400 });
        send(res, 400, fault('Sender', 'ter:WellFormed', 'Not a SOAP request'));
        return;
      }
      const log = (auth: LoggedOnvifRequest['auth'], status: number) => requests.push({ operation, path, auth, status });
      if (operation === 'GetSystemDateAndTime') {
        log('none', 200);
        send(res, 200, envelope(systemDateAndTime(new Date(Date.now() + clockOffsetMs))));
        return;
      }
      if (!authenticate(req, res, xml, log)) return;
      const body = answer(operation, xml);
      if (body === null) {
        requests[requests.length - 1] = { operation, path, auth: requests[requests.length - 1]?.auth ?? 'none', status: 400 };
        send(res, 400, fault('Sender', 'ter:ActionNotSupported', `Optional Action Not Implemented: ${operation}`));
        return;
      }
      send(res, 200, envelope(body));
    });
  });
  const listener = await listenOnLoopback(server);
  port = listener.port;

  return {
    host: '127.0.0.1',
    port,
    deviceUrl: `http://127.0.0.1:${port}/onvif/device_service`,
    requests,
    setClockOffset: (ms) => void (clockOffsetMs = ms),
    setPassword: (next) => void (password = next),
    stop: listener.close,
  };
}
