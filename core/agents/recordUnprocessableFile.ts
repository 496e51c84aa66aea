import { edgeFileId } from '../edge/agentObjectKeys';
import type { CameraReadCounters } from '../ports/cameraReadCounters';
import type { TrackedFileRepository } from '../ports/trackedFileRepository';
import type { Source } from '../sources/source';
import { unreadableOnAgentReason } from '../sync/fileReasons';
import type { TrackedFileStatus } from '../sync/trackedFile';
import type { Agent } from './agent';
import { agentRunFor, countInAgentRun, type AgentRunDeps } from './agentRunFor';
import type { AgentUnprocessableFileBody } from './agentUnprocessableSchema';

export interface UnprocessableFileDeps extends AgentRunDeps {
  readonly trackedFiles: TrackedFileRepository;
  /** The camera's read counters (camera health); absent: not counted. */
  readonly cameraReads?: CameraReadCounters;
}

/** What a report may replace: nothing of the file was delivered, or it was reported before. */
const REPLACEABLE: readonly TrackedFileStatus[] = ['unprocessable', 'failed', 'removed'];

/**
 * Records a file an agent took and could not process on site, as cloud
 * processing records a Drive file it cannot read: the source's page lists it
 * (`unprocessable`, with the agent's error as its reason), the run grouping the
 * hour's deliveries counts it under processing as unreadable, and its camera's
 * read counters count a decode failure (camera health's `decode_failures`).
 * A later successful delivery of the same content replaces the row
 * (recordAgentDelivery); a late report of a file already delivered changes
 * nothing and answers false. Reported again, it is counted once.
 */
export async function recordUnprocessableFile(agent: Agent, source: Source, body: AgentUnprocessableFileBody, deps: UnprocessableFileDeps): Promise<boolean> {
  // Being deleted: nothing new is written into what the deletion clears.
  if (source.status === 'deleting') return false;
  const { file } = body;
  const ref = { tenantId: source.tenantId, sourceId: source.id, providerFileId: edgeFileId(file.fileId) };
  const existing = await deps.trackedFiles.get(ref);
  if (existing !== null && !REPLACEABLE.includes(existing.status)) return false;
  const now = deps.clock.now();
  const at = now.toISOString();
  const run = existing?.status === 'unprocessable' && existing.runId !== null ? { id: existing.runId, open: async () => undefined } : await agentRunFor(source, now, deps);
  const runId = run.id;
  const recordedAt = file.recordedAt === null ? null : new Date(file.recordedAt).toISOString();
  await deps.trackedFiles.upsert({
    ...ref,
    name: file.name,
    relativePath: file.relativePath,
    rootFolderId: null,
    cameraId: body.cameraId,
    mimeType: 'video/mp4',
    size: file.size,
    md5: null,
    revision: file.fileId,
    modifiedTime: null,
    recordingStartAt: recordedAt,
    s3Key: null,
    status: 'unprocessable',
    attempts: 0,
    lastError: null,
    reason: unreadableOnAgentReason(body.error.trim()),
    bytesTransferred: 0,
    checkpoint: null,
    runId,
    createdAt: existing?.createdAt ?? at,
    updatedAt: at,
  });
  await run.open();
  await countInAgentRun(source, runId, { key: `unprocessable#${ref.providerFileId}`, filesDone: 0, filesSkipped: 0, bytes: 0, processing: { todo: 1, processed: 0, unprocessable: 1, events: 0 } }, deps);
  // One unit per file: the same report again replaces its count. A camera whose segments keep failing to decode shows it.
  await deps.cameraReads?.record({
    tenantId: source.tenantId,
    sourceId: source.id,
    cameraId: body.cameraId,
    agentId: agent.id,
    unitId: `${body.cameraId}#file#${file.fileId}`,
    day: (recordedAt ?? at).slice(0, 10),
    codes: 0,
    failures: 1,
    footageSec: 0,
  });
  return true;
}
