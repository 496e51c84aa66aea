import { parseArgs } from 'node:util';
import { ValidationError } from '../../core/errors';

export interface AgentArgs {
  readonly command: 'run' | 'status' | 'help';
  readonly stateDir: string;
  readonly configFile: string | null;
}

const DEFAULT_STATE_DIR = '/var/lib/vtrack-agent';

export function parseAgentArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): AgentArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { 'state-dir': { type: 'string' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new ValidationError('arguments', error instanceof Error ? error.message : String(error));
  }
  const [command = 'help', ...extra] = parsed.positionals;
  if (parsed.values.help === true || command === 'help') return { command: 'help', stateDir: DEFAULT_STATE_DIR, configFile: null };
  if (command !== 'run' && command !== 'status') throw new ValidationError('command', `unknown command "${command}"`);
  if (extra.length > 0) throw new ValidationError('arguments', `unexpected argument "${extra[0]}"`);
  const stateDir = parsed.values['state-dir'] ?? env['VTRACK_AGENT_STATE_DIR'] ?? DEFAULT_STATE_DIR;
  if (stateDir.trim() === '') throw new ValidationError('--state-dir', '--state-dir must not be empty');
  if (parsed.values.config !== undefined && command !== 'run') throw new ValidationError('--config', '--config goes with run');
  return { command, stateDir, configFile: parsed.values.config ?? null };
}
