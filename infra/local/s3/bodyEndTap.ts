import type { IncomingMessage } from 'node:http';

/**
 * Watches a request body for its end without reading it, the same way as
 * tapCrc32: the request is paused until its pipe starts, and a body cut off by
 * the client ends the pipe's destination (s3rver would wait for its end
 * forever) and complete() says false. Used where the digest to check is one
 * s3rver computes anyway (a part's MD5), so the bytes are hashed once.
 */
export function tapBodyEnd(request: IncomingMessage): { complete(): boolean } {
  let ended = false;
  const destinations: NodeJS.WritableStream[] = [];
  const pipe = request.pipe.bind(request);
  request.pipe = <T extends NodeJS.WritableStream>(destination: T, options?: { end?: boolean }): T => {
    destinations.push(destination);
    return pipe(destination, options);
  };
  request.pause();
  request.once('end', () => (ended = true));
  request.once('close', () => {
    if (!ended) for (const destination of destinations) destination.end();
  });
  return { complete: () => ended };
}
