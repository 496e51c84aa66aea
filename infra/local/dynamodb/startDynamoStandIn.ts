import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import dynalite from 'dynalite';
import type { RunningService } from '../runningService';

export interface DynamoStandInOptions {
  /** LevelDB folder, kept across restarts; undefined keeps everything in memory. */
  dataDir?: string;
  /** 0 or undefined: an ephemeral port. */
  port?: number;
}

/**
 * Starts the DynamoDB stand-in (dynalite, in this process) on 127.0.0.1.
 * Tables become ACTIVE at once instead of after dynalite's default 500 ms, so
 * startup and tests do not wait on a delay that means nothing locally.
 * Not supported (UnknownOperationException): TransactWriteItems,
 * TransactGetItems, UpdateTimeToLive — see docs/LOCAL-STACK.md.
 */
export async function startDynamoStandIn(options: DynamoStandInOptions = {}): Promise<RunningService> {
  const dataDir = options.dataDir === undefined ? undefined : path.resolve(options.dataDir);
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const server = dynalite({
    ...(dataDir ? { path: dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await listen(server, options.port ?? 0);
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => (stopped ??= close(server)),
  };
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** dynalite's close() waits for pending database work and then releases the LevelDB lock. */
function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // SDK clients keep connections alive; idle ones would hold close() open.
    server.closeIdleConnections();
  });
}
