import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { BenchContent } from './transferBenchContent';

export interface SyntheticServer {
  readonly endpoint: string;
  /** URL of `size` seeded bytes. */
  url(size: number, seed: number): string;
  stop(): Promise<void>;
}

/**
 * A tiny HTTP server on 127.0.0.1 serving benchmark bytes (BenchContent) at `/files/<size>/<seed>`,
 * with `Range: bytes=a-b` (206), as Drive's `alt=media` does. It stands in for
 * the provider's network leg in the benchmark: the bytes cross a real socket.
 */
export async function startSyntheticServer(): Promise<SyntheticServer> {
  const server: Server = createServer((request, response) => {
    const match = /^\/files\/(\d+)\/(\d+)$/.exec(request.url ?? '');
    if (!match) {
      response.writeHead(404).end();
      return;
    }
    const content = new BenchContent(Number(match[1]), Number(match[2]));
    const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range && range[2] !== '' ? Math.min(Number(range[2]), content.size - 1) : content.size - 1;
    const headers = { 'content-type': 'application/octet-stream', 'content-length': String(Math.max(0, end - start + 1)) };
    if (range) response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${content.size}` });
    else response.writeHead(200, headers);
    // Readable.from copies nothing and honours backpressure from the socket.
    pipeline(Readable.from(content.chunks(start, end), { objectMode: false }), response).catch(() => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    url: (size, seed) => `${endpoint}/files/${size}/${seed}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
