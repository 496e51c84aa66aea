import type { IHasher } from 'hash-wasm';
import { TransientError } from '../errors';
import type { BufferPool } from './BufferPool';
import { crc32Base64, updateCrc32 } from './crc32';
import { saveMd5 } from './md5State';

/** One part read from the provider: its bytes (a pool buffer), their CRC32 and the MD5 state after it. */
export interface FilledPart {
  readonly partNumber: number;
  /** Pool buffer; the consumer releases it when the part is uploaded. */
  readonly buffer: Uint8Array;
  readonly length: number;
  /** Offset just past this part. */
  readonly endOffset: number;
  readonly md5State: string;
  /** base64 CRC32 of this part's bytes as read, for S3's part checksum. */
  readonly checksumCrc32: string;
}

export interface ReadPartsInput {
  readonly stream: AsyncIterable<Uint8Array>;
  /** First byte of the stream, a part boundary. */
  readonly startOffset: number;
  readonly size: number;
  readonly partSize: number;
  readonly hasher: IHasher;
  readonly pool: BufferPool;
}

/**
 * Cuts a byte stream into parts, hashing on the way: the running MD5 of the
 * file and a CRC32 per part, both over the bytes as they arrive. Nothing is read while no
 * buffer is free, so memory is bounded by the pool. A stream that ends before
 * `size` is a TransientError (a dropped connection looks like that); bytes past
 * `size` are ignored and the MD5 comparison decides.
 */
export async function* readParts(input: ReadPartsInput): AsyncGenerator<FilledPart, void, undefined> {
  const { stream, size, partSize, hasher, pool } = input;
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
        hasher.update(slice);
        crc = updateCrc32(crc, slice);
        filled += take;
        chunkOffset += take;
        offset += take;
        if (filled === partLength) {
          const part: FilledPart = {
            partNumber,
            buffer,
            length: filled,
            endOffset: offset,
            md5State: saveMd5(hasher),
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
