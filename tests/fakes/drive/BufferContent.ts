// Content held in memory, for small files whose exact bytes a test chooses.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { FileContent } from './types';

const CHUNK = 64 * 1024;

export class BufferContent implements FileContent {
  readonly size: number;
  private md5Hex: string | undefined;

  constructor(private readonly bytes: Buffer) {
    this.size = bytes.length;
  }

  createReadStream(start: number, endInclusive: number): Readable {
    const bytes = this.bytes;
    let offset = start;
    // Chunked so a reset fault can cut the body part-way, as with synthetic content.
    return new Readable({
      read() {
        if (offset > endInclusive) {
          this.push(null);
          return;
        }
        const end = Math.min(offset + CHUNK, endInclusive + 1);
        this.push(bytes.subarray(offset, end));
        offset = end;
      },
    });
  }

  md5(): Promise<string> {
    this.md5Hex ??= createHash('md5').update(this.bytes).digest('hex');
    return Promise.resolve(this.md5Hex);
  }
}
