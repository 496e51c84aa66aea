import { ConflictError, ValidationError } from '../../core/errors';
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
import { FILE_REASONS } from '../../core/sync/fileReasons';

interface Row {
  file: TrackedFile;
  claim: { runId: string; leaseUntil: string } | null;
}

const keyOf = (ref: TrackedFileRef): string => JSON.stringify([ref.tenantId, ref.sourceId, ref.providerFileId]);
const conflict = (ref: TrackedFileRef, runId: string): ConflictError =>
  new ConflictError('the transfer claim is held by another run', { context: { sourceId: ref.sourceId, providerFileId: ref.providerFileId, runId } });

/**
 * A TrackedFileRepository in memory, for unit tests of the sync core. Same
 * merge rules as the DynamoDB one (mergeTrackedFile) and the same claim and
 * lease semantics; passes the same contract suite (tests/contracts).
 */
export class MemoryTrackedFileRepository implements TrackedFileRepository {
  private readonly rows = new Map<string, Row>();

  async get(ref: TrackedFileRef): Promise<TrackedFile | null> {
    return this.rows.get(keyOf(ref))?.file ?? null;
  }

  async upsert(file: TrackedFile): Promise<TrackedFile> {
    const row = this.rows.get(keyOf(file));
    const merged = mergeTrackedFile(row?.file ?? null, file);
    const claim = row === undefined || merged.endsClaim ? null : row.claim;
    this.rows.set(keyOf(file), { file: merged.file, claim });
    return merged.file;
  }

  async claimForTransfer(ref: TrackedFileRef, claim: TransferClaim): Promise<TrackedFile | null> {
    const row = this.rows.get(keyOf(ref));
    if (row === undefined) return null;
    const { status } = row.file;
    const claimable = status === 'pending' || (status === 'failed' && claim.retryFailed === true);
    const lapsed = status === 'transferring' && (row.claim === null || row.claim.leaseUntil <= claim.now);
    if (!claimable && !lapsed) return null;
    row.claim = { runId: claim.runId, leaseUntil: claim.leaseUntil };
    return this.write(row, { status: 'transferring', runId: claim.runId, updatedAt: claim.now });
  }

  async saveCheckpoint(ref: TrackedFileRef, runId: string, checkpoint: TransferCheckpoint, leaseUntil: string): Promise<void> {
    validateCheckpoint(checkpoint);
    const row = this.held(ref, runId);
    row.claim = { runId, leaseUntil };
    this.write(row, { checkpoint, bytesTransferred: checkpoint.bytesDone, updatedAt: checkpoint.updatedAt });
  }

  async releaseClaim(ref: TrackedFileRef, runId: string, now: string): Promise<void> {
    const row = this.rows.get(keyOf(ref));
    if (row === undefined || !this.holds(row, runId)) return;
    row.claim = null;
    this.write(row, { updatedAt: now });
  }

  async releaseForRetry(ref: TrackedFileRef, runId: string, release: RetryRelease): Promise<TrackedFile> {
    const row = this.held(ref, runId);
    row.claim = null;
    return this.write(row, {
      status: 'pending',
      updatedAt: release.now,
      lastError: release.error,
      attempts: row.file.attempts + 1,
      ...(release.keepCheckpoint ? {} : { checkpoint: null, bytesTransferred: 0 }),
    });
  }

  async markDone(ref: TrackedFileRef, runId: string, done: { readonly now: string; readonly bytes: number }): Promise<TrackedFile> {
    const row = this.rows.get(keyOf(ref));
    // A retried markDone after the first one landed.
    if (row !== undefined && row.file.status === 'done' && row.file.runId === runId) return row.file;
    const held = this.held(ref, runId);
    held.claim = null;
    return this.write(held, { status: 'done', updatedAt: done.now, bytesTransferred: done.bytes, lastError: null, checkpoint: null });
  }

  async markFailed(ref: TrackedFileRef, runId: string, failure: FailureRecord): Promise<TrackedFile> {
    const row = this.held(ref, runId);
    row.claim = null;
    return this.write(row, {
      status: 'failed',
      updatedAt: failure.now,
      lastError: failure.error,
      lastErrorCode: failure.errorCode ?? null,
      bytesTransferred: 0,
      checkpoint: null,
      attempts: row.file.attempts + 1,
      ...(failure.retry === undefined ? {} : { nextAttemptAt: failure.retry.nextAttemptAt, failedRounds: failure.retry.failedRounds }),
    });
  }

  async requeueFailed(ref: TrackedFileRef, now: string, options: { readonly resetRounds: boolean }): Promise<boolean> {
    const row = this.rows.get(keyOf(ref));
    if (row?.file.status !== 'failed') return false;
    this.write(row, { status: 'pending', updatedAt: now, attempts: 0, nextAttemptAt: null, ...(options.resetRounds ? { failedRounds: 0 } : {}) });
    return true;
  }

  async forgetPreviousKey(ref: TrackedFileRef, key: string): Promise<void> {
    const row = this.rows.get(keyOf(ref));
    if (row?.file.previousS3Key === key) row.file = { ...row.file, previousS3Key: null };
  }

  async markExpired(ref: TrackedFileRef, s3Key: string, now: string): Promise<boolean> {
    const row = this.rows.get(keyOf(ref));
    if (row?.file.status !== 'done' || row.file.s3Key !== s3Key) return false;
    this.write(row, { status: 'expired', reason: FILE_REASONS.retention, updatedAt: now });
    return true;
  }

  async clearCheckpoint(ref: TrackedFileRef, uploadId: string, now: string): Promise<boolean> {
    const row = this.rows.get(keyOf(ref));
    if (row?.file.checkpoint?.uploadId !== uploadId) return false;
    this.write(row, { checkpoint: null, bytesTransferred: 0, updatedAt: now });
    return true;
  }

  async listByStatus(tenantId: string, sourceId: string, status: TrackedFileStatus, page: PageRequest): Promise<TrackedFilePage> {
    const files = this.ofSource(tenantId, sourceId)
      .filter((file) => file.status === status)
      .sort((a, b) => compareText(b.updatedAt, a.updatedAt) || compareText(b.providerFileId, a.providerFileId));
    return paginate(files, page);
  }

  async list(tenantId: string, sourceId: string, page: PageRequest): Promise<TrackedFilePage> {
    return paginate(this.ofSource(tenantId, sourceId).sort((a, b) => compareText(a.providerFileId, b.providerFileId)), page);
  }

  private ofSource(tenantId: string, sourceId: string): TrackedFile[] {
    return [...this.rows.values()].map((row) => row.file).filter((file) => file.tenantId === tenantId && file.sourceId === sourceId);
  }

  private holds(row: Row, runId: string): boolean {
    return row.claim?.runId === runId && row.file.status === 'transferring';
  }

  private held(ref: TrackedFileRef, runId: string): Row {
    const row = this.rows.get(keyOf(ref));
    if (row === undefined || !this.holds(row, runId)) throw conflict(ref, runId);
    return row;
  }

  private write(row: Row, changes: Partial<TrackedFile>): TrackedFile {
    row.file = { ...row.file, ...changes };
    return row.file;
  }
}

/** The same checks the DynamoDB encoding makes, so a checkpoint one store refuses the other refuses too. */
function validateCheckpoint(checkpoint: TransferCheckpoint): void {
  checkpoint.parts.forEach((part, index) => {
    if (part.partNumber !== index + 1) throw new ValidationError('checkpoint.parts', 'parts must be contiguous from 1');
    if (part.etag.includes(',')) throw new ValidationError('checkpoint.parts', 'an ETag contains a comma');
    if (checkpoint.partChecksum !== 'CRC32') return;
    const bytes = part.checksumCrc32 === undefined ? undefined : Buffer.from(part.checksumCrc32, 'base64');
    if (bytes?.byteLength !== 4 || bytes.toString('base64') !== part.checksumCrc32) {
      throw new ValidationError('checkpoint.parts', `part ${index + 1} has no valid CRC32 checksum`);
    }
  });
}

/** Byte order of the UTF-8 encoding, as DynamoDB sorts string keys. */
function compareText(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

function paginate(files: readonly TrackedFile[], page: PageRequest): TrackedFilePage {
  const from = page.pageToken === null || page.pageToken === undefined ? 0 : decodeOffset(page.pageToken);
  const to = from + page.limit;
  return { items: files.slice(from, to), nextPageToken: to < files.length ? Buffer.from(String(to)).toString('base64url') : null };
}

function decodeOffset(token: string): number {
  const offset = Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new ValidationError('pageToken', 'page token is not valid');
  return offset;
}
