import { createHash } from 'node:crypto';
import { SyntheticContent } from '../fakes/memoryStorageProvider';

const BLOCK = 64 * 1024;
const DISTINCT_BLOCKS = 64;

/**
 * Benchmark bytes that cost the serving side nothing: 64 distinct 64 KiB blocks,
 * made once, picked per block index by a multiplicative hash. The server plays
 * Drive, whose CPU is not on this machine; generating a GiB on the fly would
 * take CPU from the transfer being measured (the machine has 2 cores).
 */
export class BenchContent {
  private static readonly blocks: readonly Uint8Array[] = Array.from({ length: DISTINCT_BLOCKS }, (_, i) =>
    new SyntheticContent(BLOCK, 7_000 + i).bytes(),
  );

  constructor(
    readonly size: number,
    readonly seed: number,
  ) {}

  *chunks(start: number, endInclusive: number): Generator<Uint8Array> {
    const end = Math.min(endInclusive + 1, this.size);
    let offset = start;
    while (offset < end) {
      const index = Math.floor(offset / BLOCK);
      const block = BenchContent.blocks[(Math.imul(index + this.seed, 0x9e3779b1) >>> 0) % DISTINCT_BLOCKS] ?? new Uint8Array(BLOCK);
      const from = offset - index * BLOCK;
      const to = Math.min(BLOCK, end - index * BLOCK);
      yield block.subarray(from, to);
      offset += to - from;
    }
  }

  md5Hex(): string {
    const hash = createHash('md5');
    for (const chunk of this.chunks(0, this.size - 1)) hash.update(chunk);
    return hash.digest('hex');
  }
}
