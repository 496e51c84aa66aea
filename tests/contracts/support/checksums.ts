import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

export const md5Hex = (bytes: Uint8Array): string => createHash('md5').update(bytes).digest('hex');

/** S3's form: base64 of the big-endian CRC32, computed independently of the code under test. */
export function crc32Base64(bytes: Uint8Array): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(bytes) >>> 0);
  return out.toString('base64');
}

/** Bytes that differ at every offset and between seeds, so a shifted or swapped part never matches. */
export function patterned(size: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) bytes[i] = (i * 31 + seed * 17 + (i >>> 8)) & 255;
  return bytes;
}
