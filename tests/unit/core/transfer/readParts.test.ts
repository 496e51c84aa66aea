import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { TransientError } from '../../../../core/errors';
import { BufferPool } from '../../../../core/transfer/bufferPool';
import { md5HexOfState, newMd5, saveMd5 } from '../../../../core/transfer/md5State';
import { readParts } from '../../../../core/transfer/readParts';
import { inlineMd5 } from '../../../../core/transfer/runningMd5';

async function* chunked(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  let offset = 0;
  for (let i = 0; offset < bytes.byteLength; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    yield bytes.slice(offset, offset + size);
    offset += size;
  }
}

const content = new Uint8Array(100).map((_, i) => i);
const freshMd5 = async () => inlineMd5(saveMd5(await newMd5()));
const md5 = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

describe('readParts', () => {
  test('cuts uneven chunks into parts of exactly partSize with a short last part, the MD5 state after each and each part\'s own CRC32', async () => {
    // Prepare
    const pool = new BufferPool(30, 4);
    const running = await freshMd5();

    // Act
    const parts = [];
    for await (const part of readParts({ stream: chunked(content, [7, 13, 1]), startOffset: 0, size: 100, partSize: 30, md5: running, pool })) {
      parts.push({
        number: part.partNumber,
        bytes: part.buffer.slice(0, part.length),
        end: part.endOffset,
        md5: await md5HexOfState(await part.md5State),
        crc: part.checksumCrc32,
      });
      pool.release(part.buffer);
    }

    // Assess
    expect(parts.map((part) => [part.number, part.bytes.byteLength, part.end])).toEqual([
      [1, 30, 30],
      [2, 30, 60],
      [3, 30, 90],
      [4, 10, 100],
    ]);
    expect(parts.map((part) => part.bytes[0])).toEqual([0, 30, 60, 90]);
    expect(parts.map((part) => part.md5)).toEqual([30, 60, 90, 100].map((end) => md5(content.subarray(0, end))));
    // Per part, not running: each is the CRC32 of that part's bytes alone, big-endian, base64.
    const crcOf = (bytes: Uint8Array): string => Buffer.from(crc32(bytes).toString(16).padStart(8, '0'), 'hex').toString('base64');
    expect(parts.map((part) => part.crc)).toEqual(parts.map((part) => crcOf(part.bytes)));
    expect(new Set(parts.map((part) => part.crc)).size).toBe(4);
  });

  test('starting at a later part numbers parts from there', async () => {
    // Prepare
    const pool = new BufferPool(30, 2);

    // Act
    const numbers = [];
    for await (const part of readParts({ stream: chunked(content.subarray(60), [50]), startOffset: 60, size: 100, partSize: 30, md5: await freshMd5(), pool })) {
      numbers.push(part.partNumber);
      pool.release(part.buffer);
    }

    // Assess
    expect(numbers).toEqual([3, 4]);
  });

  test('a stream that ends early is a TransientError naming the offset, and the half-filled buffer goes back to the pool', async () => {
    // Prepare
    const pool = new BufferPool(30, 1);
    const parts = readParts({ stream: chunked(content.subarray(0, 45), [45]), startOffset: 0, size: 100, partSize: 30, md5: await freshMd5(), pool });
    const first = await parts.next();
    if (!first.done) pool.release(first.value.buffer);

    // Act
    const error = await parts.next().catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(TransientError);
    expect((error as Error).message).toBe('provider stream ended at byte 45 of 100');
    expect(await Promise.race([pool.acquire().then(() => 'free'), new Promise((resolve) => setTimeout(() => resolve('taken'), 50))])).toBe('free');
  });
});
