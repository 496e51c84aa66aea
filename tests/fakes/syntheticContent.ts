import { createHash } from 'node:crypto';

const SYNTHETIC_BLOCK = 64 * 1024;

/**
 * Seeded bytes of any size, generated block by block, so any range can be made
 * without the bytes before it and a GiB never sits in memory. Blocks are
 * independent xorshift streams, so a shifted or repeated block never matches.
 */
export class SyntheticContent {
  constructor(
    readonly size: number,
    readonly seed: number,
  ) {}

  /** Bytes [start, endInclusive] in chunks of at most `chunkSize`. */
  *chunks(start: number, endInclusive: number, chunkSize = SYNTHETIC_BLOCK): Generator<Uint8Array> {
    let offset = start;
    const end = Math.min(endInclusive + 1, this.size);
    while (offset < end) {
      const blockIndex = Math.floor(offset / SYNTHETIC_BLOCK);
      const block = this.block(blockIndex);
      const from = offset - blockIndex * SYNTHETIC_BLOCK;
      const to = Math.min(block.byteLength, end - blockIndex * SYNTHETIC_BLOCK, from + chunkSize);
      yield block.subarray(from, to);
      offset += to - from;
    }
  }

  bytes(start = 0, endInclusive = this.size - 1): Uint8Array {
    const out = new Uint8Array(Math.max(0, Math.min(endInclusive + 1, this.size) - start));
    let at = 0;
    for (const chunk of this.chunks(start, endInclusive)) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  md5Hex(): string {
    const hash = createHash('md5');
    for (const chunk of this.chunks(0, this.size - 1)) hash.update(chunk);
    return hash.digest('hex');
  }

  private block(index: number): Uint8Array {
    const length = Math.min(SYNTHETIC_BLOCK, this.size - index * SYNTHETIC_BLOCK);
    const words = new Uint32Array(Math.ceil(length / 4));
    let state = (Math.imul(this.seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0 || 1;
    for (let i = 0; i < words.length; i += 1) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state >>> 0;
    }
    return new Uint8Array(words.buffer, 0, length);
  }
}
