import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileDurably } from '../state/writeFileDurably';

/** A footage file a batch's events refer to, as the agent took it. */
export interface BatchFile {
  readonly absolutePath: string;
  readonly name: string;
  readonly fingerprint: string;
  /** The recording's day in the camera's zone (yyyy-mm-dd), or null when unknown. */
  readonly day: string | null;
  /** When the recording began, ISO UTC. */
  readonly recordedAt: string;
  readonly bytes: number;
}

/**
 * What one processing run on site leaves for the uploader: the camera window it
 * covered and the events (their JSON and clips are beside it in
 * `outbox/<sourceId>/`), plus the file it processed (uploaded as footage when
 * the tenant keeps originals). Batches are drained in the order of their names.
 */
export interface OutboxBatch {
  readonly sourceId: string;
  readonly cameraId: string;
  /** The window the events replace, ISO UTC, `from` inclusive, `to` exclusive. */
  readonly from: string;
  readonly to: string;
  readonly eventIds: readonly string[];
  /** The file processed (last) and the camera's previous file read beside it. */
  readonly file: BatchFile;
  readonly files: readonly BatchFile[];
}

/**
 * A file processing could not read (corrupt, not really a video, a decode
 * failure), waiting in the same queue as batches so the cloud hears of it in
 * order — before a later successful batch of the same file, which replaces it.
 */
export interface UnprocessableReport {
  readonly kind: 'unprocessable';
  readonly sourceId: string;
  readonly cameraId: string;
  /** When its recording began is unknown when neither its name nor its modification time says. */
  readonly file: Omit<BatchFile, 'recordedAt'> & { readonly recordedAt: string | null };
  /** Why, in processing's (English) words. */
  readonly error: string;
}

/** What waits in outbox/batches: a batch (written without a kind) or a report. */
export type OutboxItem = OutboxBatch | UnprocessableReport;

export const isUnprocessableReport = (item: OutboxItem): item is UnprocessableReport => 'kind' in item && item.kind === 'unprocessable';

export const batchesDir = (outboxDir: string): string => path.join(outboxDir, 'batches');

let lastStamp = 0;

/** Writes a batch (or a report) durably under a name that sorts after every earlier one of this process and of earlier runs. */
export async function writeBatch(outboxDir: string, batch: OutboxItem, nowMs: number): Promise<string> {
  const folder = batchesDir(outboxDir);
  await mkdir(folder, { recursive: true });
  lastStamp = Math.max(nowMs, lastStamp + 1);
  const name = `${String(lastStamp).padStart(15, '0')}.json`;
  await writeFileDurably(path.join(folder, name), JSON.stringify(batch));
  return name;
}

let lastClipStamp = 0;

/**
 * A new clip file name for an event, `<eventId>.v<stamp>.mp4`, later than every
 * earlier version of this process and of earlier runs (the stamp is the clock,
 * padded so names sort by version). Clips are never rewritten in place.
 */
export function clipVersionName(eventId: string, nowMs: number = Date.now()): string {
  lastClipStamp = Math.max(nowMs, lastClipStamp + 1);
  return `${eventId}.v${String(lastClipStamp).padStart(15, '0')}.mp4`;
}

/** The version stamp of a clip file of `eventId`, or null for another file (or a clip named before versions: `<eventId>.mp4`). */
export function clipVersionOf(eventId: string, fileName: string): number | null {
  const prefix = `${eventId}.v`;
  if (!fileName.startsWith(prefix) || !fileName.endsWith('.mp4')) return null;
  const stamp = fileName.slice(prefix.length, -'.mp4'.length);
  return /^\d{15}$/.test(stamp) ? Number(stamp) : null;
}

/** Batch names waiting, oldest first. */
export async function listBatches(outboxDir: string): Promise<string[]> {
  const names = await readdir(batchesDir(outboxDir)).catch(() => [] as string[]);
  return names.filter((name) => /^\d{15}\.json$/.test(name)).sort();
}

export async function readBatch(outboxDir: string, name: string): Promise<OutboxItem> {
  return JSON.parse(await readFile(path.join(batchesDir(outboxDir), name), 'utf8')) as OutboxItem;
}
