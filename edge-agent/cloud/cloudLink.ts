import { statfs } from 'node:fs/promises';
import os from 'node:os';
import type { Logger } from 'pino';
import type { AgentHeartbeat } from '../../core/api/agentsApi';
import { AGENT_VERSION } from '../../core/edge/agentVersion';
import { UnauthorizedError } from '../../core/errors';
import type { AgentRuntime } from '../agentRuntime';
import type { AgentState } from '../agentState';
import type { AgentApiClient } from './agentApiClient';
import type { DiskGuard } from '../disk/diskGuard';
import { folderBytes } from '../disk/folderBytes';
import { listFolder } from '../watcher/listFolder';
import type { CameraHeartbeat, DiscoveredCamera } from '../../core/edge/cameraHeartbeatSchema';
import type { RecordingGap } from '../cameras/cameraRecorder';

/**
 * The agent's link to the cloud, once per heartbeat interval: pull the
 * configuration (applied without a restart when it is valid and newer; the last
 * good one stays otherwise, also while the cloud cannot be reached) and report a
 * heartbeat. Nothing here stops local work: watching and processing go on offline.
 */
/** What the uploader and the disk guard add to the heartbeat. */
export interface HeartbeatSources {
  readonly uploadBytesPerSec: () => number;
  readonly uploadBacklog: () => Promise<number>;
  readonly diskGuard: DiskGuard;
  /** The camera recorders' states and gaps (edge-agent/cameras); put back when the heartbeat is not sent. */
  readonly cameras?: { heartbeat(): { cameras: CameraHeartbeat[]; gaps: RecordingGap[] }; putBackGaps(gaps: readonly RecordingGap[]): void };
  /** ONVIF devices found on the LAN (edge-agent/cameras/cameraScout). */
  readonly discovered?: () => readonly DiscoveredCamera[];
}

export class CloudLink {
  private readonly startedAtMs = Date.now();
  private quickHeartbeatSeconds: number | null = null;

  /** Seconds to the next exchange: the configuration's heartbeat, sooner while the web app waits for a listing. */
  nextExchangeSeconds(configured: number): number {
    return Math.min(configured, this.quickHeartbeatSeconds ?? configured);
  }

  constructor(
    private readonly client: AgentApiClient,
    private readonly state: AgentState,
    private readonly runtime: AgentRuntime,
    private readonly logger: Logger,
    private readonly reports?: HeartbeatSources,
  ) {}

  /** One exchange; returns false when the cloud could not be reached or refused the agent. */
  async exchange(): Promise<boolean> {
    try {
      const outcome = await this.state.config.offer(await this.client.getConfig());
      if (outcome.kind === 'refused') this.logger.warn({ field: outcome.field, reason: outcome.message }, 'configuration from the cloud refused; the last good one stays');
      if (outcome.kind === 'applied') {
        this.runtime.applyConfig(outcome.config);
        this.logger.info({ revision: outcome.config.revision }, 'configuration applied');
        if (outcome.ignored.length > 0) this.logger.warn({ fields: outcome.ignored }, 'configuration fields this agent version does not know were left out; update the agent to use them');
      }
      const cameras = this.reports?.cameras?.heartbeat();
      const discovered = this.reports?.discovered?.() ?? [];
      const heartbeat = { ...(await this.heartbeat()), ...(cameras === undefined ? {} : { cameras: cameras.cameras }), ...(discovered.length === 0 ? {} : { discoveredCameras: [...discovered] }) };
      let answer;
      try {
        answer = await this.client.heartbeat(heartbeat);
      } catch (error) {
        // Not sent: the deletions are reported with the next heartbeat that reaches the cloud.
        if (heartbeat.diskCleanup !== undefined) this.reports?.diskGuard.putBack(heartbeat.diskCleanup.deleted);
        if (cameras !== undefined) this.reports?.cameras?.putBackGaps(cameras.gaps);
        throw error;
      }
      this.quickHeartbeatSeconds = answer?.nextHeartbeatSeconds ?? null;
      if (answer?.listing != null) {
        // The web app's mapping preview waits for this folder: listed now and sent with a heartbeat at once.
        const listing = await listFolder(answer.listing.path);
        this.logger.info({ folder: listing.path, files: listing.files.length, error: listing.error }, 'folder listed for the web app');
        // The deletions went with the first heartbeat; this one repeats its readings only.
        const cleanup = heartbeat.diskCleanup === undefined ? {} : { diskCleanup: { ...heartbeat.diskCleanup, deleted: [], moreDeleted: 0 } };
        await this.client.heartbeat({ ...heartbeat, ...cleanup, listing });
      }
      return true;
    } catch (error) {
      if (error instanceof UnauthorizedError) this.logger.error({ reason: error.message }, 'the cloud refused this agent: enrol it again from the web app');
      else this.logger.warn({ err: error }, 'the cloud could not be reached; working offline');
      return false;
    }
  }

  private async heartbeat(): Promise<AgentHeartbeat> {
    const disk = await statfs(this.state.stateDir);
    const guard = this.reports?.diskGuard;
    const deleted = guard?.takeDeletions() ?? [];
    return {
      version: AGENT_VERSION,
      hostname: os.hostname().slice(0, 255) || 'unknown',
      uptimeSec: Math.floor((Date.now() - this.startedAtMs) / 1000),
      disk: { usedBytes: await folderBytes(this.state.stateDir), freeBytes: disk.bavail * disk.bsize },
      queueDepth: await this.state.queue.depth(),
      uploadBytesPerSec: this.reports?.uploadBytesPerSec() ?? 0,
      sources: this.runtime.sourceStates(),
      ...(guard === undefined
        ? {}
        : {
            diskCleanup: { refusingNew: guard.refusingNew, deleted: deleted.slice(0, 100).map((item) => ({ ...item, file: item.file.slice(-1000) })), moreDeleted: Math.max(0, deleted.length - 100) },
            uploadBacklog: (await this.reports?.uploadBacklog()) ?? 0,
          }),
    };
  }
}
