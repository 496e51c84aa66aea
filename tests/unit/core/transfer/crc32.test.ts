import { describe, expect, test } from 'vitest';
import { crc32Base64, updateCrc32 } from '../../../../core/transfer/crc32';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('crc32', () => {
  test('the standard check value: CRC32 of "123456789" is 0xCBF43926, sent as base64 of its big-endian bytes', () => {
    // Act
    const value = updateCrc32(0, ascii('123456789'));

    // Assess
    expect(value).toBe(0xcbf43926);
    expect(crc32Base64(value)).toBe('y/Q5Jg==');
  });

  test('continuing from a previous value equals one pass over the joined bytes; the empty input is 0', () => {
    // Act
    const split = updateCrc32(updateCrc32(0, ascii('12345')), ascii('6789'));

    // Assess
    expect(split).toBe(0xcbf43926);
    expect(crc32Base64(updateCrc32(0, new Uint8Array(0)))).toBe('AAAAAA==');
  });
});
