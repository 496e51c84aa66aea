import path from 'node:path';
import type { Logger } from 'pino';
import { LocalFolderCameras } from '../core/cameras/localFolderCameras';
import { defaultCameraMapping } from '../core/cameras/cameraMappingConfig';
import type { AgentConfig } from '../core/edge/agentConfigSchema';
import type { Clock } from '../core/ports/clock';
import { parseTimeZone } from '../core/time/timeZone';
import { localProcessingSettingsOf } from '../core/sources/processingSettings';
import type { AgentJob } from './agentJob';
import { cameraProcessingSettings } from './cameras/cameraProcessingSettings';
import type { SiteProcessor } from './processing/siteProcessor';
import type { DurableQueue, QueuedJob } from './spool/durableQueue';
import type { SeenFiles } from './state/seenFiles';
import { FolderWatcher, type TakenFile } from './watcher/folderWatcher';
import type { FolderScan } from './watcher/scanFolder';

type AgentSource = AgentConfig['sources'][number];

export interface AgentRuntimeOptions {
  readonly clock: Clock;
  readonly logger: Logger;
  readonly seen: SeenFiles;
  readonly queue: DurableQueue<AgentJob>;
  readonly processor: SiteProcessor;
  /** Scan interval of every watcher; change events bring scans forward. */
  readonly scanIntervalMs?: number;
  /** Told of every file processed, with its size and recording start (the disk guard's ledger). */
  readonly onProcessed?: (job: AgentJob, recordedAt: string | null) => Promise<void>;
  /** True while the disk guard refuses new footage (refuse_new and still over a limit). */
  readonly refuseNew?: () => boolean;
}

/** A failed job waits 1, 2, 4 … minutes, at most an hour, before it is tried again. */
const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** attempts, 3_600_000);

/**
 * The agent's moving parts for local-folder sources: one FolderWatcher per
 * active source (started, stopped or replaced when the configuration changes,
 * without a restart), settled files mapped to cameras and put in the durable
 * queue, and the queue drained in order through on-site processing.
 */
export class AgentRuntime {
  private readonly watchers = new Map<string, { watcher: FolderWatcher; signature: string }>();
  private config: AgentConfig | null = null;

  constructor(private readonly options: AgentRuntimeOptions) {}

  applyConfig(config: AgentConfig): void {
    this.config = config;
    const wanted = new Map(config.sources.filter((source) => !source.paused).map((source) => [source.sourceId, source]));
    for (const [sourceId, running] of this.watchers) {
      const source = wanted.get(sourceId);
      if (source === undefined || signatureOf(source, config) !== running.signature) {
        running.watcher.stop();
        this.watchers.delete(sourceId);
        this.options.logger.info({ sourceId }, 'stopped watching');
      }
    }
    for (const source of wanted.values()) {
      if (this.watchers.has(source.sourceId)) continue;
      const watcher = this.watcherFor(source, config);
      this.watchers.set(source.sourceId, { watcher, signature: signatureOf(source, config) });
      watcher.start();
      this.options.logger.info({ sourceId: source.sourceId, folder: source.config.path }, 'watching folder');
    }
  }

  /** Scans every watched folder now (tests, and `vtrack-agent run` at start). */
  async scanAll(): Promise<void> {
    await Promise.all([...this.watchers.values()].map(({ watcher }) => watcher.scanOnce()));
  }

  /** Handles the queued jobs that are due, in order; returns how many were done. */
  async drainOnce(signal?: AbortSignal): Promise<number> {
    const { queue, clock, logger, processor } = this.options;
    let done = 0;
    for (const job of await queue.ready(clock.now().getTime())) {
      if (signal?.aborted) break;
      try {
        const source = this.config?.sources.find((candidate) => candidate.sourceId === job.payload.sourceId);
        const settings = cameraProcessingSettings(this.config, job.payload.sourceId) ?? localProcessingSettingsOf(source?.config ?? {});
        if (!settings.enabled) {
          logger.info({ sourceId: job.payload.sourceId, file: job.payload.relativePath }, 'file not processed: finding orders is off for this source');
          await queue.ack(job.seq);
          continue;
        }
        const result = await processor.process(job.payload, signal, settings);
        for (const failure of result.failures) {
          logger.warn({ sourceId: job.payload.sourceId, file: job.payload.relativePath, reason: failure.error }, 'file could not be processed');
        }
        logger.info({ sourceId: job.payload.sourceId, file: job.payload.relativePath, events: result.events.length }, 'file processed');
        await this.options.onProcessed?.(job.payload, result.recordedAt ?? null);
        await queue.ack(job.seq);
        done++;
      } catch (error) {
        if (signal?.aborted) break;
        await this.retryLater(job, error);
      }
    }
    return done;
  }

  stop(): void {
    for (const { watcher } of this.watchers.values()) watcher.stop();
    this.watchers.clear();
  }

  get watchedSources(): readonly string[] {
    return [...this.watchers.keys()];
  }

  /** Per source, for the heartbeat: watching, paused, or the folder's last problem. */
  sourceStates(): { sourceId: string; state: 'watching' | 'paused' | 'error'; error: string | null }[] {
    return (this.config?.sources ?? []).map((source) => {
      if (source.paused) return { sourceId: source.sourceId, state: 'paused' as const, error: null };
      const problem = this.watchers.get(source.sourceId)?.watcher.lastProblem ?? null;
      return { sourceId: source.sourceId, state: problem === null ? ('watching' as const) : ('error' as const), error: problem };
    });
  }

  private async retryLater(job: QueuedJob<AgentJob>, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    const notBeforeMs = this.options.clock.now().getTime() + retryDelayMs(job.attempts);
    await this.options.queue.retryLater(job, message, notBeforeMs);
    this.options.logger.warn({ sourceId: job.payload.sourceId, file: job.payload.relativePath, attempts: job.attempts + 1, err: error }, 'processing failed; will try again');
  }

  private watcherFor(source: AgentSource, config: AgentConfig): FolderWatcher {
    const { clock, logger, seen, queue } = this.options;
    const mapping = source.config.mapping ?? defaultCameraMapping;
    const zone = parseTimeZone(mapping.timeZone, `sources.${source.sourceId}.config.mapping.timeZone`);
    // One mapping per scan: each file's camera is judged with the neighbours listed in the same pass.
    const camerasOfScan = new WeakMap<FolderScan, LocalFolderCameras>();
    const camerasOf = (scan: FolderScan): LocalFolderCameras => {
      const known = camerasOfScan.get(scan);
      if (known !== undefined) return known;
      const made = new LocalFolderCameras(source.config.path, scan.files.map((file) => file.relativePath), mapping, zone);
      camerasOfScan.set(scan, made);
      return made;
    };
    return new FolderWatcher({
      sourceId: source.sourceId,
      root: source.config.path,
      clock,
      seen,
      rules: { quietMs: (source.config.settleSeconds ?? config.settleSeconds) * 1000 },
      ...(this.options.scanIntervalMs === undefined ? {} : { scanIntervalMs: this.options.scanIntervalMs }),
      onTaken: async (file: TakenFile, scan: FolderScan) => {
        if (this.options.refuseNew?.() === true) return { skipped: 'the disk is full and this agent refuses new footage until space is back (refuse_new)' };
        const camera = camerasOf(scan).cameraOf({ relativePath: file.relativePath, modifiedTime: new Date(file.mtimeMs).toISOString() });
        if (camera.excluded) return { skipped: `its camera ${camera.cameraName} is excluded in this source's settings` };
        await queue.enqueue(
          { kind: 'process', sourceId: source.sourceId, cameraId: camera.cameraId, timeZone: mapping.timeZone, relativePath: file.relativePath, file: { absolutePath: file.absolutePath, name: path.basename(file.relativePath), fingerprint: file.fingerprint } },
          clock.now(),
        );
        logger.info({ sourceId: source.sourceId, file: file.relativePath, cameraId: camera.cameraId }, 'file taken');
        return undefined;
      },
      onSkipped: (skipped) => logger.info({ sourceId: skipped.sourceId, file: skipped.relativePath, reason: skipped.reason }, 'file skipped'),
    });
  }
}

/** What makes a running watcher stale: its folder, mapping or settle time changed. */
function signatureOf(source: AgentSource, config: AgentConfig): string {
  return JSON.stringify([source.config, config.settleSeconds]);
}
