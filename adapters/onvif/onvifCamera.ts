import onvif from 'onvif';
import { fetchWithDigest } from './fetchWithDigest';
import { classifyOnvifFailure, isAuthFailure, OnvifDeviceError } from './onvifDeviceError';
import { rewriteHost } from './rewriteHost';

type Cam = InstanceType<typeof onvif.Cam>;

interface PackageRequest {
  _request(options: { service: string; body: string }, callback: (error: Error | null, data: unknown, xml?: string) => void): void;
  _envelopeHeader(): string;
  _envelopeFooter(): string;
}

export interface OnvifTarget {
  readonly host: string;
  /** The device service's HTTP port; default 80. */
  readonly port?: number;
  readonly username: string;
  readonly password: string;
  /** How long one request may take. Default 8 s. */
  readonly timeoutMs?: number;
  /** How old the device clock offset may get before it is measured again. Default 10 min. */
  readonly clockMaxAgeMs?: number;
  /** The host's clock (tests). */
  readonly now?: () => number;
}

export interface OnvifDeviceInfo {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly serialNumber: string;
}

export interface OnvifProfile {
  readonly token: string;
  readonly name: string;
  readonly encoding: string;
  readonly width: number | null;
  readonly height: number | null;
  readonly fps: number | null;
}

/** How this device accepted our credentials. */
export type OnvifAuthMethod = 'ws-security' | 'digest';

/**
 * One ONVIF device, connected: identity, media profiles, stream and snapshot
 * URIs (with the device's own address, whatever host it names), snapshots.
 * The device clock offset is measured at connect and again when it is older
 * than `clockMaxAgeMs` or a request is refused (a camera whose clock reset
 * rejects WS-Security tokens made with the old offset).
 */
export class OnvifCamera {
  private clockMeasuredAt: number;

  private constructor(
    private readonly cam: Cam,
    private readonly target: OnvifTarget,
    readonly authMethod: OnvifAuthMethod,
    readonly info: OnvifDeviceInfo,
    readonly profiles: readonly OnvifProfile[],
    private offsetMs: number,
  ) {
    this.clockMeasuredAt = this.now();
  }

  /** Connects trying WS-Security first, then HTTP digest alone; throws OnvifDeviceError with a reason. */
  static async connect(target: OnvifTarget): Promise<OnvifCamera> {
    const address = `${target.host}:${target.port ?? 80}`;
    let lastAuthError: unknown = null;
    for (const method of ['ws-security', 'digest'] as const) {
      const cam = new onvif.Cam({
        hostname: target.host,
        port: target.port ?? 80,
        username: target.username,
        password: target.password,
        timeout: target.timeoutMs ?? 8_000,
        autoconnect: false,
        // Service addresses naming another host (NAT, stale settings) are replaced by the one we reached.
        preserveAddress: true,
        useWSSecurity: method === 'ws-security',
      });
      try {
        await call<void>((done) => cam.connect((error) => done(error ?? null, undefined)));
        const offsetMs = await measureClock(cam, target.now ?? Date.now);
        const info = await call<Record<string, unknown>>((done) => cam.getDeviceInformation((error, data) => done(error, data as unknown as Record<string, unknown>)));
        return new OnvifCamera(cam, target, method, toInfo(info), toProfiles(cam.profiles), offsetMs);
      } catch (error) {
        const reason = classifyOnvifFailure(error);
        if (reason !== 'wrong_password') throw new OnvifDeviceError(reason, address, detailOf(error), { cause: error });
        lastAuthError = error;
      }
    }
    throw new OnvifDeviceError('wrong_password', address, detailOf(lastAuthError), { cause: lastAuthError });
  }

  /** The device clock minus ours, in ms (positive: the camera is ahead). */
  get clockOffsetMs(): number {
    return this.offsetMs;
  }

  get address(): string {
    return `${this.target.host}:${this.target.port ?? 80}`;
  }

  /** RTSP URI of a profile, with the device's reachable host; no credentials in it. */
  async streamUri(profileToken: string): Promise<string> {
    const media = await this.request<{ uri: string }>((done) => this.cam.getStreamUri({ protocol: 'RTSP', profileToken }, (error, data) => done(error, data ?? { uri: '' })));
    return rewriteHost(media.uri, this.target.host);
  }

  async snapshotUri(profileToken: string): Promise<string> {
    const media = await this.request<{ uri: string }>((done) => this.cam.getSnapshotUri({ profileToken }, (error, data) => done(error, data ?? { uri: '' })));
    return rewriteHost(media.uri, this.target.host);
  }

  /** One JPEG from the camera's snapshot URI (digest or basic auth as it asks). */
  async snapshot(profileToken: string): Promise<Buffer> {
    const uri = await this.snapshotUri(profileToken);
    let answer;
    try {
      answer = await fetchWithDigest(uri, { username: this.target.username, password: this.target.password }, { timeoutMs: this.target.timeoutMs ?? 8_000 });
    } catch (error) {
      throw new OnvifDeviceError(classifyOnvifFailure(error), this.address, `snapshot: ${detailOf(error)}`, { cause: error });
    }
    if (answer.status === 401 || answer.status === 403) throw new OnvifDeviceError('wrong_password', this.address, `snapshot answered ${answer.status}`);
    if (answer.status !== 200 || answer.body[0] !== 0xff || answer.body[1] !== 0xd8) throw new OnvifDeviceError('device_error', this.address, `snapshot answered ${answer.status} without a JPEG`);
    return answer.body;
  }

  /** Whether the device lists this service (GetServices / GetCapabilities), e.g. Profile G's `search` and `replay`. */
  hasService(service: string): boolean {
    return this.cam.uri?.[service] !== undefined;
  }

  /**
   * One SOAP call to a service the package has no method for (Profile G
   * search): the body goes in the package's own envelope and request, so the
   * same WS-Security token, digest fallback, service address rewrite and
   * clock refresh apply. Answers the raw response XML.
   */
  async callService(service: string, body: string): Promise<string> {
    // The package's request function is not in its typings; it is the one all its own calls use.
    const cam = this.cam as unknown as PackageRequest;
    return this.request<string>((done) => cam._request({ service, body: cam._envelopeHeader() + body + cam._envelopeFooter() }, (error, _data, xml) => done(error, xml ?? '')));
  }

  /** Measures the device clock again now. */
  async refreshClock(): Promise<number> {
    this.offsetMs = await measureClock(this.cam, this.now);
    this.clockMeasuredAt = this.now();
    return this.offsetMs;
  }

  private now = (): number => (this.target.now ?? Date.now)();

  /** One device request: the clock refreshed when stale, and once more after a refusal (then the refusal stands). */
  private async request<T>(fn: (done: (error: Error | null, data: T) => void) => void): Promise<T> {
    if (this.now() - this.clockMeasuredAt > (this.target.clockMaxAgeMs ?? 600_000)) await this.refreshClock().catch(() => undefined);
    try {
      return await call(fn);
    } catch (error) {
      if (!isAuthFailure(error)) throw new OnvifDeviceError(classifyOnvifFailure(error), this.address, detailOf(error), { cause: error });
      await this.refreshClock().catch(() => undefined);
      try {
        return await call(fn);
      } catch (again) {
        throw new OnvifDeviceError(classifyOnvifFailure(again), this.address, detailOf(again), { cause: again });
      }
    }
  }
}

/** Asks the device its time and resets the package's time shift (it keeps the first one forever otherwise). */
async function measureClock(cam: Cam, now: () => number): Promise<number> {
  cam.timeShift = undefined;
  const deviceTime = await call<Date>((done) => cam.getSystemDateAndTime((error, date) => done(error, date ?? new Date(Number.NaN))));
  return deviceTime.getTime() - now();
}

function call<T>(fn: (done: (error: Error | null, data: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      fn((error, data) => (error ? reject(error) : resolve(data)));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toInfo(raw: Record<string, unknown>): OnvifDeviceInfo {
  const text = (key: string) => (raw[key] === undefined || raw[key] === null ? '' : String(raw[key]));
  return { manufacturer: text('manufacturer'), model: text('model'), firmwareVersion: text('firmwareVersion'), serialNumber: text('serialNumber') };
}

interface RawProfile {
  $?: { token?: string };
  name?: unknown;
  videoEncoderConfiguration?: { encoding?: unknown; resolution?: { width?: unknown; height?: unknown }; rateControl?: { frameRateLimit?: unknown } };
}

function toProfiles(raw: unknown): OnvifProfile[] {
  const list = (Array.isArray(raw) ? raw : []) as RawProfile[];
  const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  return list
    .filter((p) => typeof p.$?.token === 'string')
    .map((p) => ({
      token: p.$?.token ?? '',
      name: p.name === undefined ? (p.$?.token ?? '') : String(p.name),
      encoding: String(p.videoEncoderConfiguration?.encoding ?? 'unknown'),
      width: num(p.videoEncoderConfiguration?.resolution?.width),
      height: num(p.videoEncoderConfiguration?.resolution?.height),
      fps: num(p.videoEncoderConfiguration?.rateControl?.frameRateLimit),
    }));
}
