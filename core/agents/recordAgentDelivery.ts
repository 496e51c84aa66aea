import { edgeFileId } from '../edge/agentObjectKeys';
import { TransientError, ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import type { ObjectStore } from '../ports/objectStore';
import type { RunRepository } from '../ports/runRepository';
import type { SourceRepository } from '../ports/sourceRepository';
import type { TrackedFileRef, TrackedFileRepository } from '../ports/trackedFileRepository';
import type { Source } from '../sources/source';
import { assignObjectKey } from '../sync/assignObjectKey';
import type { RunOutcome } from '../sync/syncRun';
import type { TrackedFile } from '../sync/trackedFile';
import type { ProcessedFileWire } from './agentEventsSchema';
import { FILE_REASONS } from '../sync/fileReasons';
import { agentRunFor, countInAgentRun } from './agentRunFor';

export interface AgentDeliveryDeps {
  readonly trackedFiles: TrackedFileRepository;
  readonly runs: RunRepository;
  readonly sources: SourceRepository;
  readonly objectKeys: ObjectKeyClaims;
  readonly objectStore: Pick<ObjectStore, 'headObject'>;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/** A processed file whose original stays on site: the words the files list shows (the web app has them in every language). */
export const KEPT_ON_AGENT = FILE_REASONS.kept_on_agent;

/** How long a delivery holds its file's claim: it only marks the file, it moves no bytes (one that died holding it frees it soon). */
const CLAIM_MS = 60_000;

/** A delivered file's original in the store (deliveredOriginal). */
export interface StoredOriginal {
  readonly key: string;
  readonly size: number;
}

/** What the agent delivered for one processed file. */
export interface AgentDelivery {
  readonly cameraId: string;
  readonly file: ProcessedFileWire;
  /** Orders the processing found in it (the batch's events). */
  readonly events: number;
}

/**
 * Records a file an edge agent processed and delivered (its original, when
 * uploaded, as deliveredOriginal found it), as Drive sync records
 * a file it transferred: one tracked file (`done` when its original was
 * uploaded, checked in the store; `skipped`, with why, when it stays on site;
 * a file reported `unprocessable` before becomes either), counted in the run
 * that groups the source's deliveries of the hour (agentRunFor), and the
 * source's last run, last sync and totals. The same file delivered again (the
 * agent retries a batch whose answer it lost) finds its tracked file settled
 * and counts it only if that was not done yet.
 */
export async function recordAgentDelivery(source: Source, delivery: AgentDelivery, original: StoredOriginal | null, deps: AgentDeliveryDeps): Promise<void> {
  // Being deleted: nothing new is written into what the deletion clears.
  if (source.status === 'deleting') return;
  const { file } = delivery;
  const ref = refOf(source, file);
  const existing = await deps.trackedFiles.get(ref);
  if (existing !== null && settled(existing, original !== null)) {
    if (existing.runId !== null) await countSettled(source, existing.runId, ref, delivery, deps);
    return;
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const run = await agentRunFor(source, now, deps);
  const runId = run.id;
  await deps.trackedFiles.upsert({
    ...ref,
    name: file.name,
    relativePath: file.relativePath,
    rootFolderId: null,
    cameraId: delivery.cameraId,
    mimeType: 'video/mp4',
    size: original?.size ?? file.size,
    md5: null,
    // The fingerprint is the content's: other content is another file, so it is its own revision.
    revision: file.fileId,
    modifiedTime: null,
    recordingStartAt: file.recordedAt,
    s3Key: original?.key ?? null,
    status: original === null ? 'skipped' : 'pending',
    attempts: 0,
    lastError: null,
    reason: original === null ? KEPT_ON_AGENT : null,
    bytesTransferred: 0,
    checkpoint: null,
    runId,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  // The same claim as a Drive transfer: two deliveries of one file cannot both store it.
  if (original !== null && (await deps.trackedFiles.claimForTransfer(ref, { runId, now: at, leaseUntil: new Date(now.getTime() + CLAIM_MS).toISOString() })) === null) {
    const current = await deps.trackedFiles.get(ref);
    // Stored by the other delivery meanwhile: that one records it. Still held (one that died holding it): the agent sends the batch again.
    if (current !== null && settled(current, true)) return;
    throw new TransientError('file: another delivery of this file is under way; send the batch again in a minute');
  }
  await run.open();
  if (original !== null) await deps.trackedFiles.markDone(ref, runId, { now: at, bytes: original.size });
  await countDelivery(source, runId, ref, delivery, deps);
  // A delivery from before runs were grouped that stopped before its file was settled left its own run open: it ends, with nothing of its own.
  if (existing?.runId != null && existing.runId !== runId) await closeRun(source, existing.runId, ref, deps, { asLastRun: false });
}

/** Counts the delivered file in its run, as it stands now (stored or kept on site); once, however often it is delivered. */
async function countDelivery(source: Source, runId: string, ref: TrackedFileRef, delivery: AgentDelivery, deps: AgentDeliveryDeps): Promise<void> {
  const file = await deps.trackedFiles.get(ref);
  if (file === null || file.runId !== runId) return;
  const done = file.status === 'done';
  await countInAgentRun(
    source,
    runId,
    {
      key: `delivered#${ref.providerFileId}`,
      filesDone: done ? 1 : 0,
      filesSkipped: file.status === 'skipped' ? 1 : 0,
      bytes: done ? (file.size ?? file.bytesTransferred) : 0,
      processing: { todo: 1, processed: 1, unprocessable: 0, events: delivery.events },
    },
    deps,
  );
}

/**
 * A file already settled, delivered again: a delivery that stopped after its
 * file was settled is counted now. Its run is a grouped one (countDelivery
 * adds nothing twice), or, left by a delivery from before runs were grouped,
 * a run of its own still running, which is finished with the file.
 */
async function countSettled(source: Source, runId: string, ref: TrackedFileRef, delivery: AgentDelivery, deps: AgentDeliveryDeps): Promise<void> {
  const run = await deps.runs.get(source.tenantId, source.id, runId);
  if (run === null) return;
  if (run.status === 'running') await closeRun(source, runId, ref, deps);
  else if (run.trigger === 'agent' && run.processing !== undefined) await countDelivery(source, runId, ref, delivery, deps);
}

/** Stored (or expired since), or kept on site and still not uploaded: nothing is left to record. */
function settled(file: TrackedFile, uploaded: boolean): boolean {
  return file.status === 'done' || file.status === 'expired' || (file.status === 'skipped' && !uploaded);
}

const refOf = (source: Source, file: ProcessedFileWire): TrackedFileRef => ({ tenantId: source.tenantId, sourceId: source.id, providerFileId: edgeFileId(file.fileId) });

/**
 * Where the delivered file's original is stored (the key its footage upload
 * was given) and its size there, checked in the store; null when it stays on
 * site. A file said to be uploaded that the store does not hold is refused,
 * naming the field.
 */
export async function deliveredOriginal(source: Source, delivery: AgentDelivery, deps: Pick<AgentDeliveryDeps, 'objectKeys' | 'objectStore'>): Promise<StoredOriginal | null> {
  const { file } = delivery;
  if (!file.uploaded) return null;
  const key = await assignObjectKey(deps.objectKeys, refOf(source, file), { cameraId: delivery.cameraId, day: file.day, name: file.name });
  const head = await deps.objectStore.headObject(key);
  if (head === null) throw new ValidationError('file.uploaded', `file.uploaded: no original of ${file.name} was uploaded`);
  // The completed upload was checked against the size it announced: what the store holds is the size.
  return { key, size: head.size };
}

/**
 * Finishes a run of one delivery from before runs were grouped with what it did to the file, and, only when this call is
 * the one that finished it, makes it the source's last run and adds what it
 * stored to the totals (as finishRun does for a Drive run). An older run left
 * open is only finished (`asLastRun: false`): it must not hide the newer one.
 */
async function closeRun(source: Source, runId: string, ref: TrackedFileRef, deps: AgentDeliveryDeps, options: { asLastRun: boolean } = { asLastRun: true }): Promise<void> {
  const run = await deps.runs.get(source.tenantId, source.id, runId);
  if (run === null || run.status !== 'running') return;
  const file = await deps.trackedFiles.get(ref);
  const ours = file !== null && file.runId === runId;
  const done = ours && file.status === 'done';
  const outcome: RunOutcome = {
    status: 'succeeded',
    filesDone: done ? 1 : 0,
    filesFailed: 0,
    filesSkipped: ours && file.status === 'skipped' ? 1 : 0,
    bytes: done ? (file.size ?? file.bytesTransferred) : 0,
    error: null,
  };
  const at = deps.clock.now().toISOString();
  const finished = await deps.runs.finish(source.tenantId, source.id, runId, outcome, at);
  // Another call finished it first (it answers with its own time): that call counts it.
  if (finished.finishedAt !== at || !options.asLastRun) return;
  await deps.sources.recordAgentRun(source.tenantId, source.id, { runId, at, addTotals: { files: outcome.filesDone, bytes: outcome.bytes } });
}
