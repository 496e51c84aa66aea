import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The MD5 of a request body as it streams past, the same way as tapCrc32 (a
 * second 'data' listener; the request paused until its pipe starts; a body cut
 * off by the client ends the pipe's destination and complete() says false).
 */
export function tapMd5(request: IncomingMessage): { md5Base64(): string; complete(): boolean } {
  const hash = createHash('md5');
  let ended = false;
  const destinations: NodeJS.WritableStream[] = [];
  const pipe = request.pipe.bind(request);
  request.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    destinations.push(destination);
    return pipe(destination, options);
  };
  request.on('data', (chunk: Buffer) => hash.update(chunk));
  request.pause();
  request.once('end', () => (ended = true));
  request.once('close', () => {
    if (!ended) for (const destination of destinations) destination.end();
  });
  let digest: string | undefined;
  return { md5Base64: () => (digest ??= hash.digest('base64')), complete: () => ended };
}
