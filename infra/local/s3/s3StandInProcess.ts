/**
 * Entry of the child process that runs s3rver. It runs apart from the caller
 * because s3rver's ListObjectsV2 continuation tokens use DES, which Node ≥ 17
 * only offers with `--openssl-legacy-provider` — a flag the rest of VTrack
 * must not run under. Started by startS3StandIn; options come as JSON in argv.
 * The process ends when told to stop, and when its parent goes away (the IPC
 * channel closes), so a crashed test run leaves no server behind.
 */
import S3rver from 's3rver';
import { installS3Extensions } from './installS3Extensions';
import type { ChildToParent, ParentToChild, S3StandInChildOptions } from './s3StandInProtocol';

// Connections still busy this long after stop are cut, so stop always finishes.
const DRAIN_MS = 2_000;

function report(message: ChildToParent, then?: () => void): void {
  if (process.send) process.send(message, undefined, undefined, () => then?.());
  else then?.();
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as S3StandInChildOptions;
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    silent: true,
    directory: options.dataDir,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  installS3Extensions(server);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    const httpServer = server.httpServer;
    if (!httpServer) process.exit(0);
    const cut = setTimeout(() => httpServer.closeAllConnections(), DRAIN_MS);
    httpServer.close(() => {
      clearTimeout(cut);
      process.exit(0);
    });
    httpServer.closeIdleConnections();
  };
  process.on('message', (message: ParentToChild) => {
    if (message.type === 'stop') stop();
  });
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);

  const { port } = await server.run();
  report({ type: 'ready', port });
}

function fail(error: unknown): void {
  // Exit only once the message is out, or the parent sees a bare exit code instead of the reason.
  report({ type: 'failed', message: error instanceof Error ? error.message : String(error) }, () => process.exit(1));
}

// s3rver reports a listen failure (EADDRINUSE) as an 'error' event nobody handles, not a rejection.
process.on('uncaughtException', fail);
main().catch(fail);
