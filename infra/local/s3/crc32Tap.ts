import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { crc32 } from 'node:zlib';

/** A request body passed through unchanged while its CRC32 is computed. */
export interface Crc32Tap {
  /** What to read the body from instead of the request. */
  readonly body: Transform;
  /** base64 of the big-endian CRC32 (S3's form) of the bytes passed so far. */
  checksum(): string;
  /** True once the request body ended normally (not cut off by the client). */
  complete(): boolean;
}

/**
 * Taps a request body, so a checksum can be verified without holding the body
 * in memory: the bytes flow on to whoever stores them and the caller compares
 * once they are stored. A body cut off by the client ends the tap early
 * instead of erroring it (whoever pipes from the tap may not listen for
 * errors), and complete() then says false.
 */
export function tapCrc32(request: IncomingMessage): Crc32Tap {
  let value = 0;
  let ended = false;
  const body = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      value = crc32(chunk, value);
      callback(null, chunk);
    },
  });
  request.once('end', () => (ended = true));
  request.once('close', () => {
    if (!body.writableEnded) body.end();
  });
  request.pipe(body);
  return {
    body,
    checksum: () => Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString('base64'),
    complete: () => ended,
  };
}
