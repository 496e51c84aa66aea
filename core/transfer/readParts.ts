import { TransientError } from '../errors';
import type { BufferPool } from './bufferPool';
import { crc32Base64, updateCrc32 } from './crc32';
import type { RunningMd5 } from './runningMd5';

/** One part read from the provider: its bytes (a pool buffer), their CRC32 and the MD5 state after it. */
export interface FilledPart {
  readonly partNumber: number;
  /** Pool buffer; the consumer releases it when the part is uploaded. */
  readonly buffer: Uint8Array;
  readonly length: number;
  /** Offset just past this part. */
  readonly endOffset: number;
  /**
   * The file's MD5 state after this part, computed while the part uploads.
   * The buffer goes back to the pool only once this has settled. A rejection
   * is already marked handled; whoever awaits it still sees it.
   */
  readonly md5State: Promise<string>;
  /** base64 CRC32 of this part's bytes as read, for S3's part checksum. */
  readonly checksumCrc32: string;
}

export interface ReadPartsInput {
  readonly stream: AsyncIterable<Uint8Array>;
  /** First byte of the stream, a part boundary. */
  readonly startOffset: number;
  readonly size: number;
  readonly partSize: number;
  readonly md5: RunningMd5;
  readonly pool: BufferPool;
}

/**
 * Cuts a byte stream into parts, with a CRC32 per part over the bytes as they
 * arrive (cheap: zlib does GB/s) and each full part handed to the file's running
 * MD5, which may hash it on another thread while the part uploads and the
 * next one is read. Nothing is read while no
 * buffer is free, so memory is bounded by the pool. A stream that ends before
 * `size` is a TransientError (a dropped connection looks like that); bytes past
 * `size` are ignored and the MD5 comparison decides.
 */
export async function* readParts(input: ReadPartsInput): AsyncGenerator<FilledPart, void, undefined> {
  const { stream, size, partSize, md5, pool } = input;
  let offset = input.startOffset;
  let partNumber = offset / partSize + 1;
  let buffer: Uint8Array | null = null;
  let filled = 0;
  let crc = 0;
  try {
    for await (const chunk of stream) {
      let chunkOffset = 0;
      while (chunkOffset < chunk.byteLength && offset < size) {
        buffer ??= await pool.acquire();
        const partLength = Math.min(partSize, size - (partNumber - 1) * partSize);
        const take = Math.min(partLength - filled, chunk.byteLength - chunkOffset);
        const slice = chunk.subarray(chunkOffset, chunkOffset + take);
        buffer.set(slice, filled);
        crc = updateCrc32(crc, slice);
        filled += take;
        chunkOffset += take;
        offset += take;
        if (filled === partLength) {
          const md5State = md5.add(buffer.subarray(0, filled));
          md5State.catch(() => undefined);
          const part: FilledPart = {
            partNumber,
            buffer,
            length: filled,
            endOffset: offset,
            md5State,
            checksumCrc32: crc32Base64(crc),
          };
          buffer = null;
          filled = 0;
          crc = 0;
          partNumber += 1;
          yield part;
        }
      }
      if (offset >= size) return;
    }
    if (offset < size) throw new TransientError(`provider stream ended at byte ${offset} of ${size}`, { context: { offset, size } });
  } finally {
    // A part left half filled (error, early stop) goes back; its bytes are read again on resume.
    if (buffer !== null) pool.release(buffer);
  }
}
