import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { md5HexOfState, newMd5, restoreMd5, saveMd5 } from '../../../../core/transfer/md5State';

describe('md5State', () => {
  test('an MD5 saved as base64 after some bytes and restored elsewhere ends with the MD5 of the whole input', async () => {
    // Prepare
    const first = new Uint8Array(1_000_003).map((_, i) => (i * 31) & 0xff);
    const second = new Uint8Array(777).map((_, i) => (i * 7) & 0xff);
    const hasher = await newMd5();
    hasher.update(first);
    const state = saveMd5(hasher);

    // Act
    const restored = await restoreMd5(state);
    restored.update(second);

    // Assess
    expect(typeof state).toBe('string');
    expect(restored.digest('hex')).toBe(createHash('md5').update(first).update(second).digest('hex'));
  });

  test('the digest of a saved state is that of the bytes so far, and of nothing for a fresh hasher', async () => {
    // Act
    const empty = await md5HexOfState(saveMd5(await newMd5()));

    // Assess
    expect(empty).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });
});
