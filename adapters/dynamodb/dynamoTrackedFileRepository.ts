import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, ValidationError } from '../../core/errors';
import { filesByStatusIndex, tableKeys } from '../../core/keys/tableKeys';
import type {
  FailureRecord,
  PageRequest,
  RetryRelease,
  TrackedFilePage,
  TrackedFileRef,
  TrackedFileRepository,
  TransferClaim,
} from '../../core/ports/trackedFileRepository';
import { mergeTrackedFile } from '../../core/sync/mergeTrackedFile';
import type { TrackedFile, TrackedFileStatus, TransferCheckpoint } from '../../core/sync/trackedFile';
import { fromCheckpointItem, toCheckpointItem, type CheckpointItem } from './checkpointItem';
import { isConditionFailure, type TableContext } from './tableContext';
import { UpdateBuilder } from './updateBuilder';
import { FILE_REASONS } from '../../core/sync/fileReasons';


type FileItem = Omit<TrackedFile, 'checkpoint'> & {
  pk: string;
  sk: string;
  entity: 'trackedFile';
  checkpoint?: CheckpointItem;
  /** The run holding the transfer claim (runId is the last run that touched the row). */
  claimRunId?: string;
  leaseUntil?: string;
  /** revision ?? '' — comparable in a condition, where NULL is not. */
  revisionTag: string;
  gsi2pk: string;
  gsi2sk: string;
};

const UPSERT_ROUNDS = 3;
/** The fields a planner's merge may change, besides status, updatedAt and checkpoint (written with their index keys). */
const PLANNER_FIELDS = [
  'name',
  'relativePath',
  'rootFolderId',
  'cameraId',
  'mimeType',
  'modifiedTime',
  'recordingStartAt',
  'size',
  'md5',
  'revision',
  's3Key',
  'attempts',
  'lastError',
  'bytesTransferred',
  'runId',
  'reason',
  'nextAttemptAt',
  'failedRounds',
  'previousS3Key',
] as const satisfies readonly (keyof TrackedFile)[];

const revisionTag = (revision: string | null): string => revision ?? '';
const keyOf = (ref: TrackedFileRef) => tableKeys.file(ref.tenantId, ref.sourceId, ref.providerFileId);
const context = (ref: TrackedFileRef) => ({ sourceId: ref.sourceId, providerFileId: ref.providerFileId });


function toItem(file: TrackedFile): FileItem {
  const { checkpoint, ...rest } = file;
  return {
    ...keyOf(file),
    entity: 'trackedFile',
    ...rest,
    ...(checkpoint === null ? {} : { checkpoint: toCheckpointItem(checkpoint) }),
    revisionTag: revisionTag(file.revision),
    gsi2pk: filesByStatusIndex.partition(file.tenantId, file.sourceId, file.status),
    gsi2sk: file.updatedAt,
  };
}

function fromItem(raw: Record<string, unknown>): TrackedFile {
  const {
    pk: _pk,
    sk: _sk,
    entity: _entity,
    claimRunId: _claimRunId,
    leaseUntil: _leaseUntil,
    revisionTag: _revisionTag,
    gsi2pk: _gsi2pk,
    gsi2sk: _gsi2sk,
    checkpoint,
    ...file
  } = raw as unknown as FileItem;
  return { ...file, checkpoint: checkpoint === undefined ? null : fromCheckpointItem(checkpoint) };
}

function encodePageToken(key: Record<string, unknown> | undefined): string | null {
  return key === undefined ? null : Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodePageToken(token: string | null | undefined): Record<string, unknown> | undefined {
  if (token === null || token === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch (error) {
    throw new ValidationError('pageToken', 'page token is not valid', { cause: error });
  }
  throw new ValidationError('pageToken', 'page token is not valid');
}

export class DynamoTrackedFileRepository implements TrackedFileRepository {
  constructor(private readonly table: TableContext) {}

  async get(ref: TrackedFileRef): Promise<TrackedFile | null> {
    const result = await this.table.doc.send(new GetCommand({ TableName: this.table.tableName, Key: keyOf(ref), ConsistentRead: true }));
    return result.Item === undefined ? null : fromItem(result.Item);
  }

  async upsert(file: TrackedFile, read?: { readonly existing: TrackedFile | null }): Promise<TrackedFile> {
    // Optimistic rounds: each write is conditional on what was read, so a race
    // with a claim or another planner is seen and the decision is taken again.
    // The caller's read saves the first round's read (one per file a sync plans).
    for (let round = 0; round < UPSERT_ROUNDS; round += 1) {
      const existing = round === 0 && read !== undefined ? read.existing : await this.get(file);
      const written = existing === null ? await this.tryCreate(file) : await this.tryUpdateFromPlanner(existing, file);
      if (written !== null) return written;
    }
    throw new ConflictError('tracked file kept changing during upsert', { context: context(file) });
  }

  async claimForTransfer(ref: TrackedFileRef, claim: TransferClaim): Promise<TrackedFile | null> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'transferring', claim.now);
    update.set('claimRunId', claim.runId).set('leaseUntil', claim.leaseUntil).set('runId', claim.runId);
    const status = update.name('status');
    const lease = update.name('leaseUntil');
    const claimable = claim.retryFailed
      ? `${status} IN (${update.value('pending')}, ${update.value('failed')})`
      : `${status} = ${update.value('pending')}`;
    const lapsed = `${status} = ${update.value('transferring')} AND (attribute_not_exists(${lease}) OR ${lease} <= ${update.value(claim.now)})`;
    return this.conditionalUpdate(ref, update, `attribute_exists(pk) AND (${claimable} OR (${lapsed}))`);
  }

  async saveCheckpoint(ref: TrackedFileRef, runId: string, checkpoint: TransferCheckpoint, leaseUntil: string): Promise<void> {
    const update = new UpdateBuilder();
    update.set('checkpoint', toCheckpointItem(checkpoint));
    update.set('bytesTransferred', checkpoint.bytesDone);
    update.set('leaseUntil', leaseUntil);
    update.set('updatedAt', checkpoint.updatedAt).set('gsi2sk', checkpoint.updatedAt);
    const saved = await this.conditionalUpdate(ref, update, this.heldBy(update, runId));
    if (saved === null) throw new ConflictError('the transfer claim is held by another run', { context: { ...context(ref), runId } });
  }

  async releaseClaim(ref: TrackedFileRef, runId: string, now: string): Promise<void> {
    const update = new UpdateBuilder();
    update.remove('claimRunId').remove('leaseUntil');
    update.set('updatedAt', now).set('gsi2sk', now);
    // Losing the claim already is the same outcome as releasing it.
    await this.conditionalUpdate(ref, update, this.heldBy(update, runId));
  }

  async releaseForRetry(ref: TrackedFileRef, runId: string, release: RetryRelease): Promise<TrackedFile> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'pending', release.now);
    update.set('lastError', release.error).remove('claimRunId').remove('leaseUntil');
    if (!release.keepCheckpoint) update.remove('checkpoint').set('bytesTransferred', 0);
    return this.mustUpdateAsHolder(ref, runId, update, `${update.name('attempts')} = ${update.name('attempts')} + ${update.value(1)}`);
  }

  async markDone(ref: TrackedFileRef, runId: string, done: { now: string; bytes: number }): Promise<TrackedFile> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'done', done.now);
    update.set('bytesTransferred', done.bytes).set('lastError', null);
    update.remove('checkpoint').remove('claimRunId').remove('leaseUntil');
    const result = await this.conditionalUpdate(ref, update, this.heldBy(update, runId));
    if (result !== null) return result;
    // A retried markDone after the first one landed.
    const current = await this.get(ref);
    if (current?.status === 'done' && current.runId === runId) return current;
    throw new ConflictError('the transfer claim is held by another run', { context: { ...context(ref), runId } });
  }

  async markFailed(ref: TrackedFileRef, runId: string, failure: FailureRecord): Promise<TrackedFile> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'failed', failure.now);
    update.set('lastError', failure.error).set('bytesTransferred', 0);
    if (failure.errorCode === undefined) update.remove('lastErrorCode');
    else update.set('lastErrorCode', failure.errorCode);
    if (failure.retry !== undefined) update.set('nextAttemptAt', failure.retry.nextAttemptAt).set('failedRounds', failure.retry.failedRounds);
    update.remove('checkpoint').remove('claimRunId').remove('leaseUntil');
    return this.mustUpdateAsHolder(ref, runId, update, `${update.name('attempts')} = ${update.name('attempts')} + ${update.value(1)}`);
  }

  async requeueFailed(ref: TrackedFileRef, now: string, options: { readonly resetRounds: boolean }): Promise<boolean> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'pending', now);
    update.set('attempts', 0).set('nextAttemptAt', null);
    if (options.resetRounds) update.set('failedRounds', 0);
    return (await this.conditionalUpdate(ref, update, `${update.name('status')} = ${update.value('failed')}`)) !== null;
  }

  async forgetPreviousKey(ref: TrackedFileRef, key: string): Promise<void> {
    const update = new UpdateBuilder();
    update.set('previousS3Key', null);
    await this.conditionalUpdate(ref, update, `${update.name('previousS3Key')} = ${update.value(key)}`);
  }

  async markExpired(ref: TrackedFileRef, s3Key: string, now: string): Promise<boolean> {
    const update = new UpdateBuilder();
    this.setStatus(update, ref, 'expired', now);
    update.set('reason', FILE_REASONS.retention);
    const condition = `${update.name('status')} = ${update.value('done')} AND ${update.name('s3Key')} = ${update.value(s3Key)}`;
    return (await this.conditionalUpdate(ref, update, condition)) !== null;
  }

  async clearCheckpoint(ref: TrackedFileRef, uploadId: string, now: string): Promise<boolean> {
    const update = new UpdateBuilder();
    update.remove('checkpoint').set('bytesTransferred', 0).set('updatedAt', now).set('gsi2sk', now);
    const condition = `${update.name('checkpoint')}.${update.name('uploadId')} = ${update.value(uploadId)}`;
    return (await this.conditionalUpdate(ref, update, condition)) !== null;
  }

  async listByStatus(tenantId: string, sourceId: string, status: TrackedFileStatus, page: PageRequest): Promise<TrackedFilePage> {
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: filesByStatusIndex.name,
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': filesByStatusIndex.partition(tenantId, sourceId, status) },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodePageToken(page.pageToken),
      }),
    );
    return { items: (result.Items ?? []).map(fromItem), nextPageToken: encodePageToken(result.LastEvaluatedKey) };
  }

  async list(tenantId: string, sourceId: string, page: PageRequest): Promise<TrackedFilePage> {
    const { pk, sk } = tableKeys.file(tenantId, sourceId, '');
    const result = await this.table.doc.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': sk },
        Limit: page.limit,
        ExclusiveStartKey: decodePageToken(page.pageToken),
        // A full listing plans every file from these rows instead of reading each one: they must be current.
        ConsistentRead: true,
      }),
    );
    return { items: (result.Items ?? []).map(fromItem), nextPageToken: encodePageToken(result.LastEvaluatedKey) };
  }

  private async tryCreate(file: TrackedFile): Promise<TrackedFile | null> {
    try {
      await this.table.doc.send(
        new PutCommand({ TableName: this.table.tableName, Item: toItem(file), ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      return file;
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }

  /**
   * Writes what mergeTrackedFile makes of the row: only the fields the merge
   * changed, so progress a transfer saved meanwhile (checkpoint, bytes) is not
   * overwritten, and only if status and revision are still what was read.
   */
  private tryUpdateFromPlanner(existing: TrackedFile, incoming: TrackedFile): Promise<TrackedFile | null> {
    const { file, endsClaim } = mergeTrackedFile(existing, incoming);
    const update = new UpdateBuilder();
    for (const field of PLANNER_FIELDS) {
      if (file[field] === existing[field]) continue;
      if (file[field] === undefined) update.remove(field);
      else update.set(field, file[field]);
    }
    if (file.revision !== existing.revision) update.set('revisionTag', revisionTag(file.revision));
    if (file.checkpoint !== existing.checkpoint) {
      if (file.checkpoint === null) update.remove('checkpoint');
      else update.set('checkpoint', toCheckpointItem(file.checkpoint));
    }
    if (endsClaim) {
      this.setStatus(update, file, file.status, file.updatedAt);
      // A transfer under way stops at its next checkpoint: it no longer holds the claim.
      update.remove('claimRunId').remove('leaseUntil');
    } else {
      update.set('updatedAt', file.updatedAt).set('gsi2sk', file.updatedAt);
    }
    const seen = `${update.name('revisionTag')} = ${update.value(revisionTag(existing.revision))} AND ${update.name('status')} = ${update.value(existing.status)}`;
    return this.conditionalUpdate(file, update, seen);
  }

  private setStatus(update: UpdateBuilder, ref: TrackedFileRef, status: TrackedFileStatus, now: string): void {
    update.set('status', status).set('gsi2pk', filesByStatusIndex.partition(ref.tenantId, ref.sourceId, status));
    update.set('updatedAt', now).set('gsi2sk', now);
  }

  private heldBy(update: UpdateBuilder, runId: string): string {
    return `${update.name('claimRunId')} = ${update.value(runId)} AND ${update.name('status')} = ${update.value('transferring')}`;
  }

  /** SET expressions cannot do arithmetic from the builder, so the attempts increment is appended here. */
  private async mustUpdateAsHolder(ref: TrackedFileRef, runId: string, update: UpdateBuilder, extraSet: string): Promise<TrackedFile> {
    const built = update.build(this.heldBy(update, runId));
    const expression = built.UpdateExpression.replace(/^SET /, `SET ${extraSet}, `);
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: keyOf(ref), ...built, UpdateExpression: expression, ReturnValues: 'ALL_NEW' }),
      );
      return fromItem(result.Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) {
        throw new ConflictError('the transfer claim is held by another run', { cause: error, context: { ...context(ref), runId } });
      }
      throw error;
    }
  }

  private async conditionalUpdate(ref: TrackedFileRef, update: UpdateBuilder, condition: string): Promise<TrackedFile | null> {
    try {
      const result = await this.table.doc.send(
        new UpdateCommand({ TableName: this.table.tableName, Key: keyOf(ref), ...update.build(condition), ReturnValues: 'ALL_NEW' }),
      );
      return fromItem(result.Attributes ?? {});
    } catch (error) {
      if (isConditionFailure(error)) return null;
      throw error;
    }
  }
}
