// Deterministic pseudo-random bytes of any size, generated on the fly.
// AES-128-CTR over zeros is a seekable keystream: block n depends only on the
// key and n, so a ranged read starts anywhere without generating what precedes
// it, and OpenSSL produces it at GB/s, so 2 GiB benchmark files cost no memory.
import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileContent } from './types';

const CHUNK = 256 * 1024;
const ZEROS = Buffer.alloc(CHUNK);
const AES_BLOCK = 16;

export class SyntheticContent implements FileContent {
  readonly size: number;
  private readonly key: Buffer;
  private md5Promise: Promise<string> | undefined;

  constructor(size: number, seed = 0) {
    if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`syntheticBytes must be a non-negative integer, got ${size}`);
    this.size = size;
    this.key = createHash('md5').update(`vtrack-fake-drive:${seed}`).digest();
  }

  createReadStream(start: number, endInclusive: number): Readable {
    const firstBlock = Math.floor(start / AES_BLOCK);
    const iv = Buffer.alloc(16);
    // The counter occupies the low 64 bits; 2^64 blocks is far beyond any test file.
    iv.writeBigUInt64BE(BigInt(firstBlock), 8);
    const cipher = createCipheriv('aes-128-ctr', this.key, iv);
    let skip = start - firstBlock * AES_BLOCK;
    let remaining = endInclusive - start + 1;
    return new Readable({
      highWaterMark: CHUNK,
      read() {
        if (remaining <= 0) {
          this.push(null);
          return;
        }
        const want = Math.min(CHUNK - skip, remaining);
        const generated = cipher.update(ZEROS.subarray(0, skip + want));
        const chunk = skip > 0 ? generated.subarray(skip) : generated;
        skip = 0;
        remaining -= chunk.length;
        this.push(chunk);
      },
    });
  }

  md5(): Promise<string> {
    this.md5Promise ??= hashStream(this.createReadStream(0, this.size - 1));
    return this.md5Promise;
  }
}

/** Hex md5 of a stream, consumed chunk by chunk. */
export async function hashStream(stream: Readable): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
