import { createHash } from 'node:crypto';
import type { UploadView, PartUrlView, CompletedUploadView } from '../api/agentsApi';
import { edgeClipKey, edgeFileId, uploadPartCount, uploadPartSize } from '../edge/agentObjectKeys';
import { ConflictError, NotFoundError, ValidationError } from '../errors';
import type { AgentUploadRepository } from '../ports/agentUploadRepository';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/idGenerator';
import type { ObjectKeyClaims } from '../ports/objectKeyClaims';
import type { ObjectStore } from '../ports/objectStore';
import type { SourceRepository } from '../ports/sourceRepository';
import type { StorageRecorder } from '../ports/storageRecorder';
import type { UploadPresigner } from '../ports/uploadPresigner';
import type { Source } from '../sources/source';
import { assignObjectKey } from '../sync/assignObjectKey';
import type { Agent } from './agent';
import type { AgentUpload } from './agentUpload';
import type { CompleteUploadBody, StartUploadBody } from './agentUploadSchemas';

export interface AgentUploadDeps {
  readonly agentUploads: AgentUploadRepository;
  readonly objectStore: ObjectStore;
  readonly presigner: UploadPresigner;
  readonly objectKeys: ObjectKeyClaims;
  readonly sources: SourceRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /** Tags each completed upload with its retention class and counts it in the tenant's usage. */
  readonly storage?: StorageRecorder;
}

/** A part URL lives 15 minutes: long enough for one part on a slow line, short enough to be useless when leaked. */
export const PART_URL_SECONDS = 15 * 60;
/** An upload nobody asked a part URL for in this long is aborted (a box gone for good, a lost upload id). */
export const STALE_UPLOAD_MS = 24 * 3_600_000;

/**
 * The source, if it is a local-folder source of this agent's tenant assigned to
 * this agent. Another tenant's, another agent's or a missing source all read
 * the same: not found, naming the field.
 */
export async function agentSource(agent: Agent, sourceId: string, sources: SourceRepository): Promise<Source> {
  const source = await sources.get(agent.tenantId, sourceId);
  // A local folder watched by this agent, or a camera it records (an onvif source assigned to it from the Cameras page).
  const assigned = source !== null && (source.type === 'local' || source.type === 'onvif') && 'agentId' in source.config && source.config.agentId === agent.id;
  if (!assigned) throw new NotFoundError(`sourceId: no source ${sourceId} is assigned to this agent`);
  return source;
}

async function uploadOf(agent: Agent, uploadId: string, deps: AgentUploadDeps): Promise<AgentUpload> {
  const upload = await deps.agentUploads.get(agent.tenantId, agent.id, uploadId);
  if (upload === null) throw new NotFoundError(`uploadId: this agent has no upload ${uploadId} (aborted, or never started)`);
  return upload;
}

/** Aborts the open uploads of the agent that match `which` and forgets every match (revoked agent: all; stale ones; earlier tries of a key). */
export async function abortAgentUploads(tenantId: string, agentId: string, which: (upload: AgentUpload) => boolean, deps: Pick<AgentUploadDeps, 'agentUploads' | 'objectStore'>): Promise<number> {
  let aborted = 0;
  for (const upload of await deps.agentUploads.list(tenantId, agentId)) {
    if (!which(upload)) continue;
    // A completed upload's record is only forgotten (its object stays); an open one is aborted first.
    if (upload.state === 'open') {
      await deps.objectStore.abortMultipartUpload(upload.key, upload.s3UploadId);
      aborted++;
    }
    await deps.agentUploads.delete(tenantId, agentId, upload.id);
  }
  return aborted;
}

export const isStale = (nowMs: number) => (upload: AgentUpload): boolean => Date.parse(upload.updatedAt) + STALE_UPLOAD_MS <= nowMs;

export async function startAgentUpload(agent: Agent, body: StartUploadBody, deps: AgentUploadDeps): Promise<UploadView> {
  await agentSource(agent, body.sourceId, deps.sources);
  const key =
    body.kind === 'clip'
      ? edgeClipKey({ tenantId: agent.tenantId, sourceId: body.sourceId, cameraId: body.cameraId, eventId: body.eventId })
      : await assignObjectKey(deps.objectKeys, { tenantId: agent.tenantId, sourceId: body.sourceId, providerFileId: edgeFileId(body.fileId) }, { cameraId: body.cameraId, day: body.day, name: body.name });
  const now = deps.clock.now();
  // An earlier try of the same file (the agent died before it kept the id) and stale uploads are aborted: none is left open.
  await abortAgentUploads(agent.tenantId, agent.id, (upload) => upload.key === key || isStale(now.getTime())(upload), deps);
  const { uploadId: s3UploadId } = await deps.objectStore.createMultipartUpload(key, {
    contentType: 'video/mp4',
    metadata: { md5: body.md5Hex, 'agent-id': agent.id },
  });
  const partSize = uploadPartSize(body.size);
  const upload: AgentUpload = {
    tenantId: agent.tenantId,
    agentId: agent.id,
    id: deps.ids.newId('upl'),
    sourceId: body.sourceId,
    kind: body.kind,
    key,
    s3UploadId,
    size: body.size,
    partSize,
    partCount: uploadPartCount(body.size, partSize),
    md5Hex: body.md5Hex,
    state: 'open',
    etag: null,
    partsDigest: null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  };
  await deps.agentUploads.put(upload);
  return { uploadId: upload.id, partSize, partCount: upload.partCount };
}

export async function agentPartUrl(agent: Agent, body: { uploadId: string; partNumber: number; contentMd5: string }, deps: AgentUploadDeps): Promise<PartUrlView> {
  const upload = await uploadOf(agent, body.uploadId, deps);
  if (upload.state !== 'open') throw new ConflictError(`uploadId: upload ${upload.id} is already complete`);
  if (body.partNumber > upload.partCount) throw new ValidationError('partNumber', `partNumber: this upload has ${upload.partCount} parts`);
  const now = deps.clock.now();
  const url = await deps.presigner.presignPart({ key: upload.key, uploadId: upload.s3UploadId, partNumber: body.partNumber, contentMd5: body.contentMd5, expiresInSeconds: PART_URL_SECONDS });
  await deps.agentUploads.touch(agent.tenantId, agent.id, upload.id, now.toISOString());
  return { url, headers: { 'content-md5': body.contentMd5 }, expiresAt: new Date(now.getTime() + PART_URL_SECONDS * 1000).toISOString() };
}

/** A digest of a completion's part list (numbers and ETags). */
export function partsDigest(parts: readonly { partNumber: number; etag: string }[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part.partNumber}:${part.etag.replaceAll('"', '')}\n`);
  return hash.digest('hex');
}

export async function completeAgentUpload(agent: Agent, body: CompleteUploadBody, deps: AgentUploadDeps): Promise<CompletedUploadView> {
  const upload = await uploadOf(agent, body.uploadId, deps);
  const digest = partsDigest(body.parts);
  if (upload.state === 'completed') {
    // Completing again (the agent died before it noted the answer) answers the same, for the same parts only.
    if (upload.partsDigest !== digest) throw new ConflictError(`parts: upload ${upload.id} was completed with other parts`);
    return { uploadId: upload.id, bytes: upload.size, etag: upload.etag };
  }
  body.parts.forEach((part, index) => {
    if (part.partNumber !== index + 1) throw new ValidationError(`parts.${index}.partNumber`, `parts.${index}.partNumber: parts must be 1 to ${upload.partCount} in order`);
  });
  if (body.parts.length !== upload.partCount) throw new ValidationError('parts', `parts: this upload has ${upload.partCount} parts, ${body.parts.length} were given`);
  const completed = await deps.objectStore.completeMultipartUpload(
    upload.key,
    upload.s3UploadId,
    body.parts.map((part) => ({ partNumber: part.partNumber, etag: part.etag.startsWith('"') ? part.etag : `"${part.etag}"` })),
  );
  const etag = completed.etag?.replaceAll('"', '') ?? null;
  // Each part was checked by the store against its signed Content-MD5; the whole must also have the size announced.
  const head = await deps.objectStore.headObject(upload.key);
  if (head === null || head.size !== upload.size) {
    throw new ConflictError(`parts: the stored object has ${head?.size ?? 0} bytes, ${upload.size} were announced`);
  }
  // Footage keys are <tenant>/<source>/<camera>/<day>/<name>; clip keys <tenant>/clips/<source>/<camera>/<eventId>.mp4.
  const segments = upload.key.split('/');
  const clip = upload.kind === 'clip';
  await deps.storage?.stored({
    tenantId: upload.tenantId,
    sourceId: upload.sourceId,
    cameraId: segments[clip ? 3 : 2] ?? '',
    key: upload.key,
    kind: clip ? 'clip' : 'footage',
    bytes: upload.size,
    eventId: clip ? (segments.at(-1)?.replace(/\.mp4$/, '') ?? null) : null,
  });
  await deps.agentUploads.put({ ...upload, state: 'completed', etag, partsDigest: digest, updatedAt: deps.clock.now().toISOString() });
  return { uploadId: upload.id, bytes: upload.size, etag };
}

/** Idempotent: an upload already gone counts as aborted. */
export async function abortAgentUpload(agent: Agent, uploadId: string, deps: AgentUploadDeps): Promise<void> {
  const upload = await deps.agentUploads.get(agent.tenantId, agent.id, uploadId);
  if (upload === null) return;
  if (upload.state === 'open') await deps.objectStore.abortMultipartUpload(upload.key, upload.s3UploadId);
  await deps.agentUploads.delete(agent.tenantId, agent.id, upload.id);
}
