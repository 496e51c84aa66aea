import { ValidationError } from '../core/errors';
import { ToolNotFoundError } from '../core/processing/errors';
import { parseProcessArgs } from './process/parseProcessArgs';
import { processUsage } from './process/processUsage';
import { createProcessingPorts } from './process/createProcessingPorts';
import { runProcessCommand, type CommandIo } from './process/runProcessCommand';

const usage = `Usage: vtrack <command> [options]

Commands:
  process <video…> --out <dir>   find tracking codes, write events.json and clips

Run \`vtrack process --help\` for its options.`;

/** The `vtrack` command line. Returns the exit code: 0 ok, 1 failed, 2 wrong usage. */
export async function main(argv: readonly string[], io: CommandIo & { env: NodeJS.ProcessEnv }): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout.write(`${usage}\n`);
    return command === undefined ? 2 : 0;
  }
  if (command !== 'process') {
    io.stderr.write(`vtrack: unknown command "${command}"\n${usage}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout.write(`${processUsage}\n`);
    return 0;
  }
  let ports: Awaited<ReturnType<typeof createProcessingPorts>> | undefined;
  try {
    const args = parseProcessArgs(rest, Intl.DateTimeFormat().resolvedOptions().timeZone);
    ports = await createProcessingPorts(io.env, args.reader);
    return await runProcessCommand(args, ports, io);
  } catch (error) {
    if (error instanceof ValidationError) {
      io.stderr.write(`vtrack: ${error.message}\n\n${processUsage}\n`);
      return 2;
    }
    if (error instanceof ToolNotFoundError) {
      io.stderr.write(`vtrack: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`vtrack: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await ports?.close();
  }
}
