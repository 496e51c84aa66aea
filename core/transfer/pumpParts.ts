import type { TransferCheckpoint } from '../sync/trackedFile';
import { BufferPool } from './bufferPool';
import { CheckpointWriter } from './checkpointWriter';
import { type FilledPart, readParts } from './readParts';
import { inlineMd5 } from './runningMd5';
import { readFailure, StepFailure, storeFailure } from './stepFailure';
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
 * part n+1 is read while up to `uploadConcurrency` parts upload and the file's
 * MD5 takes in each part as it uploads (on a thread of its own when
 * deps.runningMd5 provides one), so at most partSize × (1 + uploadConcurrency)
 * bytes are held. A part is confirmed once S3 has it and the MD5 has passed
 * it, so every checkpoint's MD5 state matches its bytes. On any failure it
 * stops reading, lets the uploads in flight settle, stores what they confirmed
 * and throws a PumpFailure carrying that checkpoint.
 */
export async function pumpParts(context: TransferContext, start: TransferCheckpoint): Promise<PumpResult> {
  const { deps, options, size, request } = context;
  const pool = new BufferPool(start.partSize, options.uploadConcurrency + 1);
  const md5 = await (deps.runningMd5 ?? inlineMd5)(start.md5State);
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
      const uploaded = deps.objectStore.uploadPart(start.s3Key, start.uploadId, part.partNumber, body, { checksumCrc32 });
      // A hashing thread that stopped rejects with a TransientError: resume from the checkpoint.
      const [{ etag }, md5State] = await Promise.all([uploaded, part.md5State]);
      writer.confirm({ partNumber: part.partNumber, etag, size: part.length, checksumCrc32, endOffset: part.endOffset, md5State });
    } catch (error) {
      fail(storeFailure(error));
    } finally {
      // The hashing thread may still be reading the buffer after a failed upload.
      await part.md5State.catch(() => undefined);
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
    parts = readParts({ stream, startOffset: start.bytesDone, size, partSize: start.partSize, md5, pool });
    for (;;) {
      const next = await parts.next();
      if (next.done) break;
      if (failure !== null) {
        const unsent = next.value;
        await unsent.md5State.catch(() => undefined);
        pool.release(unsent.buffer);
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
    md5.close();
  }
  if (failure !== null) throw new PumpFailure(failure, writer.saved);
  return { checkpoint: writer.saved, stopped };
}
