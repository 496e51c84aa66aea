import { parseStartArgs, START_USAGE, StartArgsError } from './parseStartArgs';
import { REPO_ROOT, startLocalStack } from '../startLocalStack';
import { ensureWebBuilt } from './ensureWebBuilt';

/** Starts the local stack, prints the one URL to open, and stops cleanly on Ctrl-C. */
async function main(): Promise<void> {
  let args;
  try {
    args = parseStartArgs(process.argv.slice(2), REPO_ROOT, process.env);
  } catch (error) {
    if (!(error instanceof StartArgsError)) throw error;
    console.error(`vtrack: ${error.message}\n\n${START_USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(START_USAGE);
    return;
  }

  let stack;
  try {
    await ensureWebBuilt(REPO_ROOT, (line) => console.log(line));
    stack = await startLocalStack({ port: args.port, dataDir: args.dataDir, localAgents: true });
  } catch (error) {
    const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
    console.error(
      inUse
        ? `vtrack: port ${args.port} is in use. Stop whatever uses it, or start with --port <another>.`
        : `vtrack: could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
    return;
  }
  console.log(`\nVTrack is running at ${stack.url}\n  data: ${args.dataDir}\n  Ctrl-C stops it.\n`);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    stack
      .stop()
      .then(() => {
        console.log('stopped.');
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error('vtrack: error while stopping:', error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

await main();
