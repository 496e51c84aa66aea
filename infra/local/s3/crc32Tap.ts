import type { IncomingMessage } from 'node:http';
import { crc32 } from 'node:zlib';

/** The CRC32 of a request body, computed as the body streams past. */
export interface Crc32Tap {
  /** base64 of the big-endian CRC32 (S3's form) of the bytes so far. */
  checksum(): string;
  /** True once the request body ended normally (not cut off by the client). */
  complete(): boolean;
}

/**
 * Taps a request body, so a checksum can be verified without holding the body
 * in memory or adding a stream stage: a second 'data' listener sees each chunk
 * as it goes to whoever pipes the request (s3rver, into the part file), and the
 * caller compares once the bytes are stored. The request is paused until that
 * pipe starts, so no chunk passes before it.
 *
 * A body cut off by the client never ends, and whoever pipes it would wait for
 * the end forever (s3rver does): the tap ends the pipe's destination then, and
 * complete() says false.
 */
export function tapCrc32(request: IncomingMessage): Crc32Tap {
  let value = 0;
  let ended = false;
  const destinations: NodeJS.WritableStream[] = [];
  const pipe = request.pipe.bind(request);
  request.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    destinations.push(destination);
    return pipe(destination, options);
  };
  request.on('data', (chunk: Buffer) => {
    value = crc32(chunk, value);
  });
  request.pause();
  request.once('end', () => (ended = true));
  request.once('close', () => {
    if (!ended) for (const destination of destinations) destination.end();
  });
  return {
    checksum: () => Buffer.from([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]).toString('base64'),
    complete: () => ended,
  };
}
