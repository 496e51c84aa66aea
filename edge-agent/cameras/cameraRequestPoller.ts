import type { Logger } from 'pino';
import type { OnvifCamera, OnvifTarget } from '../../adapters/onvif/onvifCamera';
import { OnvifDeviceError } from '../../adapters/onvif/onvifDeviceError';
import type { AgentCameraRequest, AgentCameraRequestsView, CameraRequestAnswerBody } from '../../core/cameras/cameraRequest';
import type { AgentCamera } from '../../core/edge/agentCameraSchema';

/** The cloud side this poller talks to (edge-agent/cloud/agentApiClient.ts). */
export interface CameraRequestCloud {
  cameraRequests(): Promise<AgentCameraRequestsView>;
  answerCameraRequest(requestId: string, answer: CameraRequestAnswerBody): Promise<void>;
  sendCameraSnapshot(cameraId: string, snapshot: string): Promise<void>;
}

export interface CameraRequestPollerOptions {
  readonly cloud: CameraRequestCloud;
  readonly logger: Logger;
  /** Connects to one ONVIF device (adapters/onvif OnvifCamera.connect). */
  readonly connect: (target: OnvifTarget) => Promise<Pick<OnvifCamera, 'info' | 'profiles' | 'streamUri' | 'snapshot'>>;
  /** The cameras the configuration records now (their periodic snapshots). */
  readonly cameras: () => readonly AgentCamera[];
  /** How often each recorded camera's snapshot is refreshed. Default 5 minutes. */
  readonly snapshotEveryMs?: number;
  /**
   * A frame of the camera's newest footage on this box (null: none). Used for a
   * camera that takes its footage from the NVR when the camera itself does not
   * answer: at such sites only the NVR is reachable, and its footage is what is read.
   */
  readonly footageStill?: (cameraId: string) => Promise<Buffer | null>;
  readonly now?: () => number;
}

/**
 * The agent's end of the camera request channel: asks the cloud for the web
 * app's pending requests about cameras on this LAN (the cloud cannot reach
 * them), answers each (a probe: identity, profiles and their streams; a
 * snapshot: one JPEG) with the device's failure sorted into a reason the web
 * app words (wrong password, unreachable, not ONVIF), and sends each recorded
 * camera's snapshot every few minutes. The cloud says when to ask again:
 * every few seconds while someone is on the Cameras page, else every 30 s.
 */
export class CameraRequestPoller {
  private readonly lastSnapshotMs = new Map<string, number>();

  constructor(private readonly options: CameraRequestPollerOptions) {}

  private now = (): number => (this.options.now ?? Date.now)();

  /** One round: pending requests answered, due snapshots sent. Returns seconds until the next round. */
  async pollOnce(): Promise<number> {
    const { cloud, logger } = this.options;
    const { requests, pollAgainSeconds } = await cloud.cameraRequests();
    for (const request of requests) {
      const answer = await this.answer(request);
      await cloud.answerCameraRequest(request.requestId, answer);
      logger.info({ requestId: request.requestId, kind: request.kind, address: `${request.host}:${request.port}`, ok: answer.ok, ...(answer.ok ? {} : { reason: answer.reason }) }, 'camera request answered');
    }
    await this.sendDueSnapshots();
    return pollAgainSeconds;
  }

  /** Rounds until `stop`; a round that fails (cloud unreachable) is tried again in 30 s. */
  async run(stop: AbortSignal): Promise<void> {
    while (!stop.aborted) {
      const seconds = await this.pollOnce().catch((error: unknown) => {
        this.options.logger.warn({ err: error }, 'camera requests could not be fetched; trying again later');
        return 30;
      });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, seconds) * 1000);
        stop.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }

  private async answer(request: AgentCameraRequest): Promise<CameraRequestAnswerBody> {
    try {
      const camera = await this.options.connect({ host: request.host, port: request.port, username: request.username, password: request.password });
      if (request.kind === 'snapshot') {
        const token = request.profileToken ?? camera.profiles[0]?.token ?? '';
        return { ok: true, snapshot: (await camera.snapshot(token)).toString('base64') };
      }
      const profiles = [];
      for (const profile of camera.profiles.slice(0, 32)) {
        profiles.push({ ...profile, name: profile.name.slice(0, 100), encoding: profile.encoding.slice(0, 40), rtspUrl: await camera.streamUri(profile.token) });
      }
      return { ok: true, manufacturer: camera.info.manufacturer.slice(0, 100), model: camera.info.model.slice(0, 100), profiles };
    } catch (error) {
      if (error instanceof OnvifDeviceError) return { ok: false, reason: error.reason, message: error.message.slice(0, 500) };
      return { ok: false, reason: 'device_error', message: (error instanceof Error ? error.message : String(error)).slice(0, 500) };
    }
  }

  private async sendDueSnapshots(): Promise<void> {
    const every = this.options.snapshotEveryMs ?? 5 * 60_000;
    for (const camera of this.options.cameras()) {
      if (camera.paused || this.now() - (this.lastSnapshotMs.get(camera.cameraId) ?? 0) < every) continue;
      this.lastSnapshotMs.set(camera.cameraId, this.now());
      try {
        await this.options.cloud.sendCameraSnapshot(camera.cameraId, (await this.snapshotOf(camera)).toString('base64'));
      } catch (error) {
        this.options.logger.warn({ cameraId: camera.cameraId, err: error instanceof Error ? error.message : String(error) }, 'camera snapshot could not be taken');
      }
    }
  }

  /** The camera's own snapshot; for one that follows its NVR and does not answer, a frame of its newest footage. */
  private async snapshotOf(camera: AgentCamera): Promise<Buffer> {
    try {
      const device = await this.options.connect({ host: camera.onvif.host, port: camera.onvif.port, username: camera.username, password: camera.password });
      return await device.snapshot(camera.onvif.profileToken);
    } catch (error) {
      if (camera.capture !== 'nvr' || this.options.footageStill === undefined) throw error;
      const still = await this.options.footageStill(camera.cameraId);
      if (still === null) throw error;
      this.options.logger.info({ cameraId: camera.cameraId, err: error instanceof Error ? error.message : String(error) }, 'the camera did not answer: its snapshot is a frame of the footage taken from the NVR');
      return still;
    }
  }
}
