import type { Logger } from 'pino';
import type { DiscoveredOnvifDevice, DiscoveryOptions } from '../../adapters/onvif/discoverOnvifDevices';
import type { DiscoveredCamera } from '../../core/edge/cameraHeartbeatSchema';

export interface CameraScoutOptions {
  readonly discover: (options?: DiscoveryOptions) => Promise<DiscoveredOnvifDevice[]>;
  readonly logger: Logger;
  /** How often the LAN is probed while discovery is on. Default 10 min. */
  readonly everyMs?: number;
  readonly now?: () => number;
}

/**
 * Looks for ONVIF cameras on the site's LAN (WS-Discovery on every interface)
 * while the configuration asks for it, and keeps the latest answers for the
 * heartbeat, where the web app offers them for onboarding.
 */
export class CameraScout {
  private found: DiscoveredCamera[] = [];
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;

  constructor(private readonly options: CameraScoutOptions) {}

  /** Turns probing on or off (the configuration's `discoverCameras`). */
  setEnabled(enabled: boolean): void {
    if (enabled && this.timer === null) {
      void this.scanNow();
      this.timer = setInterval(() => void this.scanNow(), this.options.everyMs ?? 600_000);
    } else if (!enabled && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
      this.found = [];
    }
  }

  /** One probe now; overlapping calls share it. */
  scanNow(options?: DiscoveryOptions): Promise<void> {
    this.scanning ??= this.options
      .discover(options)
      .then((devices) => {
        const at = new Date((this.options.now ?? Date.now)()).toISOString();
        this.found = devices.slice(0, 64).map((device) => ({ endpoint: device.endpoint.slice(0, 200), host: device.host, port: device.port, name: device.name?.slice(0, 100) ?? null, hardware: device.hardware?.slice(0, 100) ?? null, seenAt: at }));
        this.options.logger.info({ cameras: this.found.length }, 'looked for ONVIF cameras on the network');
      })
      .catch((error: unknown) => this.options.logger.warn({ err: error }, 'looking for cameras failed'))
      .finally(() => {
        this.scanning = null;
      });
    return this.scanning;
  }

  get discovered(): readonly DiscoveredCamera[] {
    return this.found;
  }

  stop(): void {
    this.setEnabled(false);
  }
}
