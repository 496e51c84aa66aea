import { describe, expect, test } from 'vitest';
import { BufferPool } from '../../../../core/transfer/bufferPool';

describe('BufferPool', () => {
  test('never allocates more than its capacity; a waiting acquire gets the released buffer', async () => {
    // Prepare
    const pool = new BufferPool(16, 2);
    const a = await pool.acquire();
    await pool.acquire();
    let third: Uint8Array | null = null;
    const waiting = pool.acquire().then((buffer) => (third = buffer));
    await Promise.resolve();
    const beforeRelease = third;

    // Act
    pool.release(a);
    await waiting;

    // Assess
    expect(beforeRelease).toBeNull();
    expect(third).toBe(a);
    expect(pool.allocatedCount).toBe(2);
  });

  test('buffers are on shared memory, so the hashing thread reads a part without a copy', async () => {
    // Act
    const buffer = await new BufferPool(64, 1).acquire();

    // Assess
    expect(buffer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(buffer.byteLength).toBe(64);
  });

  test('allocates lazily: a pool that is never used holds nothing', () => {
    // Act
    const pool = new BufferPool(1024 * 1024, 3);

    // Assess
    expect(pool.allocatedCount).toBe(0);
  });
});
