import { mkdir, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import type { AgentEventWire, ProcessedFileWire } from '../../core/api/agentsApi';
import type { AgentConfig } from '../../core/edge/agentConfigSchema';
import { insideUploadWindow } from '../../core/edge/uploadWindows';
import { NotFoundError, PermanentError, TransientError, UnauthorizedError, ValidationError } from '../../core/errors';
import type { EventRecord } from '../../core/processing/events/toEventRecord';
import { parseTimeZone } from '../../core/time/timeZone';
import type { AgentApiClient } from '../cloud/agentApiClient';
import { writeFileDurably } from '../state/writeFileDurably';
import { emptyProgress, FileChangedError, uploadFile, type FileUploadProgress } from './fileUpload';
import { batchesDir, clipVersionOf, isUnprocessableReport, listBatches, readBatch, type BatchFile, type OutboxBatch, type UnprocessableReport } from './outboxBatch';
import { outboxLockFor } from './outboxLock';
import { TokenBucket } from './tokenBucket';

export interface OutboxUploaderOptions {
  readonly outboxDir: string;
  readonly client: AgentApiClient;
  readonly logger: Logger;
  readonly config: () => AgentConfig | null;
  readonly nowMs?: () => number;
  /** Told of every footage file whose batch reached the cloud (the disk guard may then delete it). */
  readonly onDelivered?: (file: BatchFile, footageUploaded: boolean) => Promise<void>;
  /**
   * Told of every file whose unreadable report the cloud acknowledged, and
   * whether its source keeps originals (the disk guard may then reclaim it
   * when none is wanted).
   */
  readonly onReported?: (file: UnprocessableReport['file'], originalWanted: boolean) => Promise<void>;
  /** Whether an earlier batch uploaded this footage file (the camera's previous file, read again beside a new one). */
  readonly footageUploaded?: (fingerprint: string) => boolean;
}

export type DrainOutcome = 'drained' | 'offline' | 'outside_window' | 'refused' | 'stopped';

/** The agent's file id for a fingerprint (`<size>:<hex>`): letters, digits and `-` only. */
export const fileIdOf = (fingerprint: string): string => fingerprint.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 100);

/**
 * Drains outbox/ in order, one batch at a time: each clip, then the footage
 * file when the tenant keeps originals, each a resumable multipart upload
 * (progress in outbox/uploads/<batch>.json, saved after every part), then the
 * batch's events. Only then the batch and its files leave the outbox. A cloud
 * that cannot be reached stops the drain until the next try, losing nothing;
 * a batch the cloud refuses for good is moved to outbox/refused/ with its open
 * uploads aborted, so no multipart upload stays open.
 */
export class OutboxUploader {
  private readonly bucket = new TokenBucket(null);
  private readonly recent: { atMs: number; bytes: number }[] = [];
  private readonly now: () => number;

  constructor(private readonly options: OutboxUploaderOptions) {
    this.now = options.nowMs ?? Date.now;
  }

  /** Bytes per second sent over the last minute, for the heartbeat. */
  bytesPerSecond(): number {
    const since = this.now() - 60_000;
    while (this.recent.length > 0 && (this.recent[0]?.atMs ?? 0) < since) this.recent.shift();
    return Math.round(this.recent.reduce((sum, entry) => sum + entry.bytes, 0) / 60);
  }

  async pending(): Promise<number> {
    return (await listBatches(this.options.outboxDir)).length;
  }

  async drain(signal?: AbortSignal): Promise<DrainOutcome> {
    for (const name of await listBatches(this.options.outboxDir)) {
      if (signal?.aborted) return 'stopped';
      const outcome = await this.deliver(name, signal);
      if (outcome === 'outside_window') this.options.logger.info({ batch: name }, 'uploads wait for the next upload window');
      if (outcome !== 'delivered') return outcome;
    }
    return 'drained';
  }

  /** The folder a local-folder source watches, from the configuration; null for a camera's recordings. */
  private sourceFolder(sourceId: string): string | null {
    return this.options.config()?.sources.find((source) => source.sourceId === sourceId)?.config.path ?? null;
  }

  /** Whether the source's originals go to the cloud: a local source says for itself (its order settings); a camera's follow the agent's upload rules. */
  private keepsOriginals(sourceId: string): boolean {
    const config = this.options.config();
    return config?.sources.find((source) => source.sourceId === sourceId)?.keepOriginals ?? config?.uploads.keepOriginals === true;
  }

  private mayUpload(): boolean {
    const config = this.options.config();
    if (config === null) return false;
    this.bucket.setRate(config.uploads.maxBytesPerSecond);
    return insideUploadWindow(config.uploads.windows, this.now(), parseTimeZone(config.timeZone, 'timeZone'));
  }

  private async deliver(name: string, signal?: AbortSignal): Promise<'delivered' | DrainOutcome> {
    const { outboxDir, client, logger } = this.options;
    const item = await readBatch(outboxDir, name);
    if (isUnprocessableReport(item)) return this.report(name, item, signal);
    const batch = item;
    const progressFile = path.join(outboxDir, 'uploads', name);
    const progress = await readProgress(progressFile);
    const save = async (item: string, value: FileUploadProgress) => {
      progress[item] = value;
      await mkdir(path.dirname(progressFile), { recursive: true });
      await writeFileDurably(progressFile, JSON.stringify(progress));
    };
    const folder = path.join(outboxDir, batch.sourceId);
    try {
      const records: EventRecord[] = [];
      const sent = new Map<string, string>();
      for (const eventId of batch.eventIds) {
        const text = await readEventFile(path.join(folder, `${eventId}.json`));
        // Gone: an earlier batch delivered this very version and removed it (finish() removes only what it sent).
        if (text === null) {
          logger.warn({ batch: name, eventId }, 'event already delivered by an earlier batch');
          continue;
        }
        sent.set(eventId, text);
        records.push(JSON.parse(text) as EventRecord);
      }
      const common = { client, bucket: this.bucket, mayUpload: () => this.mayUpload(), onBytes: (bytes: number) => this.recent.push({ atMs: this.now(), bytes }), ...(signal ? { signal } : {}) };
      const onPart = (item: string) => (part: { uploadId: string; partNumber: number; partCount: number }) =>
        logger.info({ batch: name, item, uploadId: part.uploadId, partNumber: part.partNumber, partCount: part.partCount }, 'part uploaded');
      for (const record of records) {
        if (record.clip === undefined) continue;
        const item = `clip:${record.id}`;
        const outcome = await uploadFile({
          ...common,
          path: path.join(folder, record.clip),
          start: { kind: 'clip', sourceId: batch.sourceId, cameraId: batch.cameraId, eventId: record.id },
          progress: progress[item] ?? emptyProgress,
          save: (value) => save(item, value),
          onPart: onPart(item),
        });
        if (outcome === 'paused') return 'outside_window';
      }
      if (this.keepsOriginals(batch.sourceId)) {
        const item = 'footage';
        try {
          const outcome = await uploadFile({
            ...common,
            path: batch.file.absolutePath,
            start: { kind: 'footage', sourceId: batch.sourceId, cameraId: batch.cameraId, fileId: fileIdOf(batch.file.fingerprint), name: batch.file.name, day: batch.file.day },
            progress: progress[item] ?? emptyProgress,
            save: (value) => save(item, value),
            onPart: onPart(item),
          });
          if (outcome === 'paused') return 'outside_window';
        } catch (error) {
          // The original was deleted or replaced on the box before it went up: its events and clips still go.
          if (!(error instanceof FileChangedError) && !isMissingFile(error)) throw error;
          const open = progress[item];
          if (open?.uploadId != null && !open.completed) await client.abortUpload(open.uploadId);
          await save(item, emptyProgress);
          logger.warn({ batch: name, file: batch.file.absolutePath, reason: error instanceof Error ? error.message : String(error) }, 'footage changed or gone before its upload; its events and clips are sent without it');
        }
      }
      const footageDone = progress['footage']?.completed === true;
      await client.sendEvents({
        sourceId: batch.sourceId,
        cameraId: batch.cameraId,
        from: batch.from,
        to: batch.to,
        events: records.map((record) => toWire(record, batch, progress, (fingerprint) => (footageDone && fingerprint === batch.file.fingerprint) || (this.options.footageUploaded?.(fingerprint) ?? false))),
        // The file this batch processed: the source's page lists it, with a run.
        file: processedFileOf(batch.file, this.sourceFolder(batch.sourceId), footageDone),
      });
      await this.finish(name, batch, records, sent, footageDone);
      logger.info({ batch: name, sourceId: batch.sourceId, cameraId: batch.cameraId, events: records.length, footage: footageDone }, 'batch delivered');
      return 'delivered';
    } catch (error) {
      // A file changed or gone since it was processed cannot be sent as it was: given up like a refusal.
      return this.afterFailure(name, error, signal, progress, error instanceof FileChangedError || isMissingFile(error));
    }
  }

  /** Tells the cloud of a file processing could not read; it moves no bytes, so it waits for no upload window. */
  private async report(name: string, report: UnprocessableReport, signal?: AbortSignal): Promise<'delivered' | DrainOutcome> {
    const { outboxDir, client, logger } = this.options;
    try {
      const { absolutePath: _path, fingerprint, bytes, ...file } = report.file;
      await client.reportUnprocessable({
        sourceId: report.sourceId,
        cameraId: report.cameraId,
        file: { ...file, fileId: fileIdOf(fingerprint), relativePath: relativePathOf(report.file.absolutePath, file.name, this.sourceFolder(report.sourceId)), size: bytes },
        error: report.error.slice(0, 2000),
      });
      // Before the report leaves the outbox: a stop in between sends it again (harmless), never forgets the acknowledgement.
      await this.options.onReported?.(report.file, this.keepsOriginals(report.sourceId));
      await unlink(path.join(batchesDir(outboxDir), name));
      logger.info({ batch: name, sourceId: report.sourceId, cameraId: report.cameraId, file: report.file.name }, 'unprocessable file reported');
      return 'delivered';
    } catch (error) {
      return this.afterFailure(name, error, signal, {}, false);
    }
  }

  /** The batch is in the cloud: its files leave the outbox (unless a later batch names the same event again). */
  private async finish(name: string, batch: OutboxBatch, records: readonly EventRecord[], sent: ReadonlyMap<string, string>, footageUploaded: boolean): Promise<void> {
    // Not while processing has written event files but not yet the batch naming them (outboxLock.ts).
    await outboxLockFor(this.options.outboxDir).run(() => this.removeDelivered(name, batch, records, sent));
    await this.options.onDelivered?.(batch.file, footageUploaded);
  }

  private async removeDelivered(name: string, batch: OutboxBatch, records: readonly EventRecord[], sent: ReadonlyMap<string, string>): Promise<void> {
    const { outboxDir } = this.options;
    const later = new Set<string>();
    for (const other of await listBatches(outboxDir)) {
      if (other <= name) continue;
      const item = await readBatch(outboxDir, other);
      if (!isUnprocessableReport(item)) for (const id of item.eventIds) later.add(id);
    }
    const files = await readdir(path.join(outboxDir, batch.sourceId)).catch(() => [] as string[]);
    for (const record of records) {
      // Versions of this clip older than the one sent were replaced before any batch sent them: nothing will.
      const sentVersion = record.clip === undefined ? null : clipVersionOf(record.id, record.clip);
      if (sentVersion !== null) {
        const older = files.filter((file) => (clipVersionOf(record.id, file) ?? Infinity) < sentVersion);
        for (const file of older) await unlink(path.join(outboxDir, batch.sourceId, file)).catch(() => undefined);
      }
      if (later.has(record.id)) continue;
      // Processing may have rewritten this event (a boundary order grown by the next file) before writing the
      // batch that names it; that newer version is not ours to remove.
      if ((await readEventFile(path.join(outboxDir, batch.sourceId, `${record.id}.json`))) !== sent.get(record.id)) continue;
      await unlink(path.join(outboxDir, batch.sourceId, `${record.id}.json`)).catch(() => undefined);
      if (record.clip !== undefined) await unlink(path.join(outboxDir, batch.sourceId, record.clip)).catch(() => undefined);
    }
    await unlink(path.join(batchesDir(outboxDir), name));
    await unlink(path.join(outboxDir, 'uploads', name)).catch(() => undefined);
  }

  /**
   * What a failed send means for the queue: wait (offline), stop (the agent was
   * refused), or — for a refusal of this batch alone — set it aside and go on.
   */
  private async afterFailure(name: string, error: unknown, signal: AbortSignal | undefined, progress: Record<string, FileUploadProgress>, unsendable: boolean): Promise<'delivered' | DrainOutcome> {
    const { logger } = this.options;
    if (signal?.aborted) return 'stopped';
    if (error instanceof TransientError) {
      logger.warn({ batch: name, reason: error.message }, 'the cloud could not be reached; uploads wait');
      return 'offline';
    }
    if (error instanceof UnauthorizedError) {
      logger.error({ batch: name, reason: error.message }, 'the cloud refused this agent; uploads stop');
      return 'refused';
    }
    if (unsendable || error instanceof PermanentError || error instanceof ValidationError || error instanceof NotFoundError) {
      await this.giveUp(name, progress, error);
      return 'delivered';
    }
    throw error;
  }

  private async giveUp(name: string, progress: Record<string, FileUploadProgress>, error: unknown): Promise<void> {
    const { outboxDir, client, logger } = this.options;
    for (const item of Object.values(progress)) {
      if (item.uploadId !== null && !item.completed) await client.abortUpload(item.uploadId).catch(() => undefined);
    }
    const refused = path.join(outboxDir, 'refused');
    await mkdir(refused, { recursive: true });
    await rename(path.join(batchesDir(outboxDir), name), path.join(refused, name));
    await unlink(path.join(outboxDir, 'uploads', name)).catch(() => undefined);
    logger.error({ batch: name, reason: error instanceof Error ? error.message : String(error), keptIn: 'outbox/refused' }, 'batch refused; its uploads were aborted');
  }
}

async function readProgress(file: string): Promise<Record<string, FileUploadProgress>> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, FileUploadProgress>;
  } catch {
    return {};
  }
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** A file's path under the source's folder, with '/' whatever the host; its name when it is not under it (a camera's segment). */
function relativePathOf(absolutePath: string, name: string, folder: string | null): string {
  const relative = folder === null ? '' : path.relative(folder, absolutePath);
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join('/') : name;
}

/** The processed file as the events route takes it. */
function processedFileOf(file: BatchFile, folder: string | null, uploaded: boolean): ProcessedFileWire {
  return {
    fileId: fileIdOf(file.fingerprint),
    name: file.name,
    relativePath: relativePathOf(file.absolutePath, file.name, folder),
    day: file.day,
    size: file.bytes,
    recordedAt: file.recordedAt,
    uploaded,
  };
}

/** An outbox event as the events route takes it. */
function toWire(record: EventRecord, batch: OutboxBatch, progress: Record<string, FileUploadProgress>, footageUploaded: (fingerprint: string) => boolean): AgentEventWire {
  const byName = new Map(batch.files.map((file) => [file.name, file]));
  const first = record.detections[0];
  return {
    id: record.id,
    trackingCodes: [...record.trackingCodes],
    start: record.start,
    end: record.end,
    clipStart: record.clipStart,
    clipEnd: record.clipEnd,
    files: record.files.map((part) => {
      const file = byName.get(part.name);
      return {
        fileId: fileIdOf(file?.fingerprint ?? `unknown-${part.name}`),
        name: part.name,
        day: file?.day ?? null,
        fromSec: part.fromSec,
        toSec: part.toSec,
        uploaded: file !== undefined && footageUploaded(file.fingerprint),
      };
    }),
    labelSighting: first === undefined ? null : { atClipSec: Math.max(0, (Date.parse(first.at) - Date.parse(record.clipStart)) / 1000), bbox: first.bbox },
    clipUploaded: progress[`clip:${record.id}`]?.completed === true,
    truncated: record.truncated,
  };
}

/** An outbox event file's text, or null when it is not there. */
async function readEventFile(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return null;
    throw error;
  }
}
