import { stat } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { Clock } from '../core/ports/clock';
import { AgentRuntime } from './agentRuntime';
import type { AgentState } from './agentState';
import { AgentApiClient } from './cloud/agentApiClient';
import { CloudLink, type HeartbeatSources } from './cloud/cloudLink';
import { DiskGuard } from './disk/diskGuard';
import type { SiteProcessor } from './processing/siteProcessor';
import type { StoredCredential } from './state/credentialStore';
import { OutboxUploader } from './uploader/outboxUploader';

type CameraReports = NonNullable<HeartbeatSources['cameras']>;

export interface AgentServices<C extends CameraReports | undefined = undefined> {
  readonly runtime: AgentRuntime;
  readonly diskGuard: DiskGuard;
  /** Null when the agent is not enrolled (a site run from a configuration file). */
  readonly uploader: OutboxUploader | null;
  readonly cloud: CloudLink | null;
  /** The camera recorders (edge-agent/cameras), when asked for; their states go with the heartbeat. */
  readonly cameras: C;
  /** The disk guard's measurement and clean-up against the current configuration. */
  checkDisk(): Promise<void>;
}

export interface AgentServicesOptions<C extends CameraReports | undefined = undefined> {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly processor: SiteProcessor;
  readonly credential: StoredCredential | null;
  /** Free bytes of the state folder's disk; statfs unless a test hands in a small disk. */
  readonly freeBytes?: () => Promise<number>;
  /** Scan interval of the folder watchers (tests that drive scans themselves make it long). */
  readonly scanIntervalMs?: number;
  /** Builds the camera recorders, which refuse new recordings while the disk guard does. */
  readonly cameras?: (diskGuard: DiskGuard) => C;
  /** ONVIF devices the camera scout found on the LAN; they go with the heartbeat. */
  readonly discovered?: HeartbeatSources['discovered'];
}

/**
 * The agent's parts wired together, one place for `vtrack-agent run` and for
 * tests that drive them on a clock of their own: the watchers and queue
 * (AgentRuntime), the disk guard and its ledger, the uploader and the cloud
 * link (configuration and heartbeat).
 */
export function createAgentServices<C extends CameraReports | undefined = undefined>(state: AgentState, options: AgentServicesOptions<C>): AgentServices<C> {
  const { clock, logger, credential } = options;
  const nowIso = (): string => clock.now().toISOString();
  const diskGuard = new DiskGuard({
    stateDir: state.stateDir,
    outboxDir: state.outboxDir,
    ledger: state.ledger,
    logger,
    nowMs: () => clock.now().getTime(),
    ...(options.freeBytes === undefined ? {} : { freeBytes: options.freeBytes }),
  });
  const runtime = new AgentRuntime({
    clock,
    logger,
    seen: state.seen,
    queue: state.queue,
    processor: options.processor,
    ...(options.scanIntervalMs === undefined ? {} : { scanIntervalMs: options.scanIntervalMs }),
    refuseNew: () => diskGuard.refusingNew,
    onProcessed: async (job, recordedAt) => {
      const bytes = (await stat(job.file.absolutePath).catch(() => ({ size: 0 }))).size;
      await state.ledger.taken({ id: job.file.fingerprint, absolutePath: job.file.absolutePath, bytes, recordedAt: recordedAt ?? nowIso() });
    },
  });
  const cameras = options.cameras?.(diskGuard) as C;
  const client = credential === null ? null : new AgentApiClient(credential.apiUrl, credential.credential);
  const uploader =
    client === null
      ? null
      : new OutboxUploader({
          outboxDir: state.outboxDir,
          client,
          logger,
          config: () => state.config.config,
          nowMs: () => clock.now().getTime(),
          footageUploaded: (fingerprint) => state.ledger.originalUploaded(fingerprint),
          onDelivered: (file, footageUploaded) => state.ledger.delivered(file.fingerprint, nowIso(), footageUploaded),
          onReported: (file, originalWanted) => state.ledger.reported(file.fingerprint, nowIso(), originalWanted),
        });
  const cloud =
    client === null
      ? null
      : new CloudLink(client, state, runtime, logger, uploader === null ? undefined : { uploadBytesPerSec: () => uploader.bytesPerSecond(), uploadBacklog: () => uploader.pending(), diskGuard, ...(cameras === undefined ? {} : { cameras }), ...(options.discovered === undefined ? {} : { discovered: options.discovered }) });
  return {
    runtime,
    diskGuard,
    uploader,
    cloud,
    cameras,
    checkDisk: async () => {
      const config = state.config.config;
      if (config !== null) await diskGuard.check(config).catch((error: unknown) => logger.error({ err: error }, 'disk check failed'));
    },
  };
}
