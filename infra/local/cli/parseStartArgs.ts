import path from 'node:path';

export interface StartArgs {
  readonly port: number;
  readonly dataDir: string;
  readonly help: boolean;
}

/** The port VTrack serves on unless told otherwise: easy to remember, rarely taken. */
export const DEFAULT_PORT = 8787;

export const START_USAGE = `Usage: npm start -- [--port <n>] [--data-dir <path>]

  --port <n>         port of the web app and API on 127.0.0.1 (default ${DEFAULT_PORT}; 0 picks a free one)
  --data-dir <path>  where local S3 objects, DynamoDB tables and the sign-in key are kept
                     (default .vtrack/ in the repository; survives restarts)
  --help             show this help`;

export class StartArgsError extends Error {
  override readonly name = 'StartArgsError';
}

export function parseStartArgs(argv: readonly string[], repoRoot: string, env: Readonly<Record<string, string | undefined>>): StartArgs {
  let port = env['VTRACK_PORT'] === undefined ? DEFAULT_PORT : parsePort(env['VTRACK_PORT'], 'VTRACK_PORT');
  let dataDir = env['VTRACK_DATA_DIR'] ?? path.join(repoRoot, '.vtrack');
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const next = inline ?? argv[(i += 1)];
      if (next === undefined || next === '') throw new StartArgsError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        port = parsePort(value(), '--port');
        break;
      case '--data-dir':
        dataDir = path.resolve(value());
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      default:
        throw new StartArgsError(`unknown option ${arg}`);
    }
  }
  return { port, dataDir, help };
}

function parsePort(text: string, name: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new StartArgsError(`${name} must be a port number from 0 to 65535, not "${text}"`);
  return port;
}
