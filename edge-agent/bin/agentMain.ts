import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeLogger, type Logger } from '../../adapters/logging/logger';
import { ValidationError } from '../../core/errors';
import { systemClock } from '../../core/ports/clock';
import { createAgentServices } from '../agentServices';
import { CameraBackfill } from '../cameras/cameraBackfill';
import { CameraRuntime } from '../cameras/cameraRuntime';
import { CameraScout } from '../cameras/cameraScout';
import { CameraRequestPoller } from '../cameras/cameraRequestPoller';
import { newestSegmentOf } from '../cameras/newestSegmentOf';
import { extractStill } from '../../adapters/ffmpeg/extractStill';
import { OnvifCamera } from '../../adapters/onvif/onvifCamera';
import { discoverOnvifDevices } from '../../adapters/onvif/discoverOnvifDevices';
import path from 'node:path';
import { openAgentState, type AgentState } from '../agentState';
import { createSiteProcessor } from '../wiring';
import { AgentApiClient } from '../cloud/agentApiClient';
import { loadCredential, saveCredential } from '../state/credentialStore';
import type { OutboxUploader } from '../uploader/outboxUploader';
import { listBatches } from '../uploader/outboxBatch';
import { agentUsage } from './agentUsage';
import { parseAgentArgs } from './parseAgentArgs';

export interface AgentIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** How often the queue is looked at for due work while the agent runs. */
const DRAIN_EVERY_MS = 2_000;
/** How often the disk guard measures and cleans up. */
const DISK_CHECK_EVERY_MS = 30_000;
/** While the cloud cannot be reached, uploads are tried again after 2, 4, 8 … seconds, at most a minute. */
const UPLOAD_RETRY_FIRST_MS = 2_000;
const UPLOAD_RETRY_MAX_MS = 60_000;

/** `vtrack-agent`. Returns the exit code: 0 ok, 1 failed, 2 wrong usage. `stop` ends `run` cleanly. */
export async function agentMain(argv: readonly string[], io: AgentIo, stop: AbortSignal): Promise<number> {
  let args;
  try {
    args = parseAgentArgs(argv, io.env);
  } catch (error) {
    io.stderr.write(`vtrack-agent: ${error instanceof Error ? error.message : String(error)}\n\n${agentUsage}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout.write(`${agentUsage}\n`);
    return 0;
  }
  const state = await openAgentState(args.stateDir);
  if (args.command === 'enrol') return enrol(state, args.apiUrl ?? '', args.code ?? '', io);
  if (args.command === 'status') {
    io.stdout.write(`${JSON.stringify(await describeState(state), null, 2)}\n`);
    return 0;
  }
  return run(state, args.configFile, io, stop);
}

async function enrol(state: AgentState, apiUrl: string, code: string, io: AgentIo): Promise<number> {
  try {
    const enrolled = await AgentApiClient.enrol(apiUrl, code);
    await saveCredential(state.stateDir, { apiUrl, tenantId: enrolled.tenantId, agentId: enrolled.agentId, credential: enrolled.credential });
    io.stdout.write(`enrolled as agent ${enrolled.agentId}; start it with: vtrack-agent run --state-dir ${state.stateDir}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`vtrack-agent: enrolment failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function run(state: AgentState, configFile: string | null, io: AgentIo, stop: AbortSignal): Promise<number> {
  const logger = makeLogger(io.env['LOG_LEVEL'] ?? 'info', io.stdout);
  if (configFile !== null) {
    const outcome = await state.config.offer(await readConfigFile(configFile));
    if (outcome.kind === 'refused') logger.warn({ field: outcome.field, reason: outcome.message }, 'configuration refused; the last good one stays');
    else logger.info({ revision: outcome.config?.revision }, outcome.kind === 'applied' ? 'configuration applied' : 'configuration unchanged');
    if (outcome.kind === 'applied' && outcome.ignored.length > 0) logger.warn({ fields: outcome.ignored }, 'configuration fields this agent version does not know were left out');
  }
  const credential = await loadCredential(state.stateDir);
  if (state.config.config === null && credential === null) {
    io.stderr.write('vtrack-agent: not enrolled and no configuration: run `vtrack-agent enrol --api <url> --code <code>` first (or give --config <file>)\n');
    return 1;
  }
  const site = await createSiteProcessor(state, { ffmpegPath: io.env['VTRACK_FFMPEG'], ffprobePath: io.env['VTRACK_FFPROBE'], searchPath: io.env['PATH'] });
  const scout = new CameraScout({ discover: discoverOnvifDevices, logger });
  const gapFiller: { backfill?: CameraBackfill } = {};
  const { runtime, uploader, cloud, cameras, checkDisk } = createAgentServices(state, {
    clock: systemClock,
    logger,
    processor: site.processor,
    credential,
    cameras: (diskGuard) => {
      // Recording gaps are pulled from the camera's SD card or NVR once it answers again; so is all footage of a camera that follows its NVR.
      const backfill = new CameraBackfill({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(state.stateDir, 'recordings'), ffmpegPath: site.ffmpegPath, cameras: () => state.config.config?.cameras ?? [], stateFile: path.join(state.stateDir, 'backfill.json'), refuseNew: () => diskGuard.refusingNew, timeZone: () => state.config.config?.timeZone ?? 'UTC' });
      gapFiller.backfill = backfill;
      return new CameraRuntime({ clock: systemClock, logger, queue: state.queue, recordingsDir: path.join(state.stateDir, 'recordings'), ffmpegPath: site.ffmpegPath, refuseNew: () => diskGuard.refusingNew, onGap: (gap) => backfill.onGap(gap), backfill });
    },
    discovered: () => scout.discovered,
  });
  const applyCameras = async () => {
    if (state.config.config === null) return;
    await cameras.applyConfig(state.config.config);
    scout.setEnabled(state.config.config.discoverCameras === true);
  };
  try {
    if (state.config.config !== null) runtime.applyConfig(state.config.config);
    await checkDisk();
    await cloud?.exchange();
    await applyCameras();
    gapFiller.backfill?.start();
    logger.info({ stateDir: state.stateDir, sources: runtime.watchedSources.length, queued: await state.queue.depth(), enrolled: credential !== null }, 'agent started');
    const uploads = uploader === null ? Promise.resolve() : uploadLoop(uploader, stop, logger);
    // The web app's questions about cameras on this LAN (probe, snapshot) and each camera's periodic snapshot.
    const cameraRequests =
      credential === null
        ? Promise.resolve()
        : new CameraRequestPoller({
            cloud: new AgentApiClient(credential.apiUrl, credential.credential),
            logger,
            connect: (target) => OnvifCamera.connect(target),
            cameras: () => state.config.config?.cameras ?? [],
            footageStill: async (cameraId) => {
              const newest = await newestSegmentOf(path.join(state.stateDir, 'recordings'), cameraId);
              return newest === null ? null : extractStill(site.ffmpegPath, newest);
            },
          }).run(stop);
    let nextExchangeMs = Date.now() + (cloud?.nextExchangeSeconds(state.config.config?.heartbeatSeconds ?? 60) ?? 60) * 1000;
    let nextDiskCheckMs = Date.now() + DISK_CHECK_EVERY_MS;
    while (!stop.aborted) {
      await runtime.drainOnce(stop);
      if (Date.now() >= nextDiskCheckMs) {
        await checkDisk();
        nextDiskCheckMs = Date.now() + DISK_CHECK_EVERY_MS;
      }
      if (cloud !== null && Date.now() >= nextExchangeMs) {
        await cloud.exchange();
        await applyCameras();
        nextExchangeMs = Date.now() + cloud.nextExchangeSeconds(state.config.config?.heartbeatSeconds ?? 60) * 1000;
      }
      await sleep(DRAIN_EVERY_MS, undefined, { signal: stop }).catch(() => undefined);
    }
    await Promise.all([uploads, cameraRequests]);
  } finally {
    runtime.stop();
    scout.stop();
    await gapFiller.backfill?.stop();
    await cameras.stop();
    await site.close();
    logger.info('agent stopped');
  }
  return 0;
}

/** Uploads run beside processing: a 2 GiB file must not hold up the next file's processing or the heartbeat. */
async function uploadLoop(uploader: OutboxUploader, stop: AbortSignal, logger: Logger): Promise<void> {
  let offlineWaitMs = UPLOAD_RETRY_FIRST_MS;
  while (!stop.aborted) {
    const outcome = await uploader.drain(stop).catch((error: unknown) => {
      logger.error({ err: error }, 'uploads failed; trying again later');
      return 'offline' as const;
    });
    let waitMs = DRAIN_EVERY_MS;
    if (outcome === 'offline') {
      waitMs = offlineWaitMs;
      offlineWaitMs = Math.min(offlineWaitMs * 2, UPLOAD_RETRY_MAX_MS);
    } else {
      offlineWaitMs = UPLOAD_RETRY_FIRST_MS;
      if (outcome === 'outside_window' || outcome === 'refused') waitMs = 60_000;
    }
    await sleep(waitMs, undefined, { signal: stop }).catch(() => undefined);
  }
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ValidationError('--config', `--config: ${file} is not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function describeState(state: AgentState) {
  const outbox = await readdir(state.outboxDir, { recursive: true }).catch(() => [] as string[]);
  const isEvent = (name: string) => name.endsWith('.json') && !/^(batches|uploads|refused)\//.test(name);
  return {
    configRevision: state.config.config?.revision ?? null,
    sources: (state.config.config?.sources ?? []).map((source) => ({ sourceId: source.sourceId, name: source.name, folder: source.config.path, paused: source.paused })),
    queued: await state.queue.depth(),
    filesTaken: state.seen.size,
    eventsWaitingForUpload: outbox.filter((name) => isEvent(String(name))).length,
    batchesWaitingForUpload: (await listBatches(state.outboxDir)).length,
    footageKept: { files: state.ledger.list().length, bytes: state.ledger.bytes },
  };
}
