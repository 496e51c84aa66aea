import type { TransferCheckpoint } from '../sync/trackedFile';
import { BufferPool } from './BufferPool';
import { CheckpointWriter } from './CheckpointWriter';
import { restoreMd5 } from './md5State';
import { type FilledPart, readParts } from './readParts';
import { readFailure, StepFailure, storeFailure } from './StepFailure';
import type { TransferContext } from './transferContext';

export interface PumpResult {
  /** The last stored checkpoint: every byte before `bytesDone` is in S3 and in the MD5 state. */
  readonly checkpoint: TransferCheckpoint;
  /** Stopped for the deadline before the end of the file. */
  readonly stopped: boolean;
}

/** A StepFailure with the checkpoint to resume from. */
export class PumpFailure extends StepFailure {
  constructor(
    failure: StepFailure,
    readonly checkpoint: TransferCheckpoint,
  ) {
    super(failure.kind, failure.error);
  }
}

/**
 * Moves the bytes after `start` into its multipart upload with one ranged read
 * (each part sent with its CRC32, which S3 verifies and the checkpoint keeps):
 * part n+1 is read (and hashed) while up to `uploadConcurrency` parts upload, so
 * at most partSize × (1 + uploadConcurrency) bytes are held. On any failure it
 * stops reading, lets the uploads in flight settle, stores what they confirmed
 * and throws a PumpFailure carrying that checkpoint.
 */
export async function pumpParts(context: TransferContext, start: TransferCheckpoint): Promise<PumpResult> {
  const { deps, options, size, request } = context;
  const pool = new BufferPool(start.partSize, options.uploadConcurrency + 1);
  const hasher = await restoreMd5(start.md5State);
  const reading = new AbortController();
  const uploads = new Set<Promise<void>>();
  let failure: StepFailure | null = null;
  const fail = (next: StepFailure): void => {
    failure ??= next;
    reading.abort();
  };
  const writer = new CheckpointWriter(context, start, fail);
  const startedAtMs = deps.clock.now().getTime();
  let handedOff = 0;
  let stopped = false;

  const upload = async (part: FilledPart): Promise<void> => {
    try {
      const body = part.buffer.subarray(0, part.length);
      const { checksumCrc32 } = part;
      const { etag } = await deps.objectStore.uploadPart(start.s3Key, start.uploadId, part.partNumber, body, { checksumCrc32 });
      writer.confirm({ partNumber: part.partNumber, etag, size: part.length, checksumCrc32, endOffset: part.endOffset, md5State: part.md5State });
    } catch (error) {
      fail(storeFailure(error));
    } finally {
      pool.release(part.buffer);
    }
  };

  // Stop when the parts in flight plus one more would not finish before the deadline.
  const pastDeadline = (): boolean => {
    if (options.deadlineMs === undefined) return false;
    const now = deps.clock.now().getTime();
    const perPart = (now - startedAtMs) / handedOff;
    return now + perPart * (options.uploadConcurrency + 1) >= options.deadlineMs;
  };

  let parts: AsyncGenerator<FilledPart, void, undefined> | null = null;
  try {
    const stream = await deps.provider.readRange(request.providerFileId, start.bytesDone, size - 1, reading.signal);
    parts = readParts({ stream, startOffset: start.bytesDone, size, partSize: start.partSize, hasher, pool });
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      if (failure !== null) {
        pool.release(next.value.buffer);
        break;
      }
      const inFlight: Promise<void> = upload(next.value).finally(() => uploads.delete(inFlight));
      uploads.add(inFlight);
      handedOff += 1;
      while (uploads.size >= options.uploadConcurrency && failure === null) await Promise.race(uploads);
      if (failure !== null) break;
      if (next.value.endOffset < size && pastDeadline()) {
        stopped = true;
        break;
      }
    }
  } catch (error) {
    // After a failure elsewhere the read is aborted on purpose; that error is not the cause.
    if (failure === null) fail(readFailure(error));
  } finally {
    reading.abort();
    await parts?.return().catch(() => undefined);
    await Promise.allSettled(uploads);
    await writer.flush();
  }
  if (failure !== null) throw new PumpFailure(failure, writer.saved);
  return { checkpoint: writer.saved, stopped };
}
