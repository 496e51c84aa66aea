import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningService } from '../runningService';

/**
 * Starts a server on 127.0.0.1 (port 0: a free one) and returns where it is and
 * how to stop it; stop() also closes idle keep-alive sockets so the process can exit.
 */
export async function listenOnLoopback(server: Server, port: number): Promise<RunningService> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${bound}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
