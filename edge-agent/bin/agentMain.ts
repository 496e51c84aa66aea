import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeLogger } from '../../adapters/logging/logger';
import { ValidationError } from '../../core/errors';
import { systemClock } from '../../core/ports/clock';
import { AgentRuntime } from '../agentRuntime';
import { openAgentState, type AgentState } from '../agentState';
import { createSiteProcessor } from '../wiring';
import { agentUsage } from './agentUsage';
import { parseAgentArgs } from './parseAgentArgs';

export interface AgentIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** How often the queue is looked at for due work while the agent runs. */
const DRAIN_EVERY_MS = 2_000;

/** `vtrack-agent`. Returns the exit code: 0 ok, 1 failed, 2 wrong usage. `stop` ends `run` cleanly. */
export async function agentMain(argv: readonly string[], io: AgentIo, stop: AbortSignal): Promise<number> {
  let args;
  try {
    args = parseAgentArgs(argv, io.env);
  } catch (error) {
    io.stderr.write(`vtrack-agent: ${error instanceof Error ? error.message : String(error)}\n\n${agentUsage}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout.write(`${agentUsage}\n`);
    return 0;
  }
  const state = await openAgentState(args.stateDir);
  if (args.command === 'status') {
    io.stdout.write(`${JSON.stringify(await describeState(state), null, 2)}\n`);
    return 0;
  }
  return run(state, args.configFile, io, stop);
}

async function run(state: AgentState, configFile: string | null, io: AgentIo, stop: AbortSignal): Promise<number> {
  const logger = makeLogger(io.env['LOG_LEVEL'] ?? 'info', io.stdout);
  if (configFile !== null) {
    const outcome = await state.config.offer(await readConfigFile(configFile));
    if (outcome.kind === 'refused') logger.warn({ field: outcome.field, reason: outcome.message }, 'configuration refused; the last good one stays');
    else logger.info({ revision: outcome.config?.revision }, outcome.kind === 'applied' ? 'configuration applied' : 'configuration unchanged');
  }
  const config = state.config.config;
  if (config === null) {
    io.stderr.write('vtrack-agent: no configuration yet: give one with --config <file>\n');
    return 1;
  }
  const site = await createSiteProcessor(state, { ffmpegPath: io.env['VTRACK_FFMPEG'], ffprobePath: io.env['VTRACK_FFPROBE'], searchPath: io.env['PATH'] });
  const runtime = new AgentRuntime({ clock: systemClock, logger, seen: state.seen, queue: state.queue, processor: site.processor });
  try {
    runtime.applyConfig(config);
    logger.info({ stateDir: state.stateDir, sources: runtime.watchedSources.length, queued: await state.queue.depth() }, 'agent started');
    while (!stop.aborted) {
      await runtime.drainOnce(stop);
      await sleep(DRAIN_EVERY_MS, undefined, { signal: stop }).catch(() => undefined);
    }
  } finally {
    runtime.stop();
    await site.close();
    logger.info('agent stopped');
  }
  return 0;
}

async function readConfigFile(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as unknown;
  } catch (error) {
    throw new ValidationError('--config', `--config: ${file} is not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function describeState(state: AgentState) {
  const outbox = await readdir(state.outboxDir, { recursive: true }).catch(() => [] as string[]);
  return {
    configRevision: state.config.config?.revision ?? null,
    sources: (state.config.config?.sources ?? []).map((source) => ({ sourceId: source.sourceId, name: source.name, folder: source.config.path, paused: source.paused })),
    queued: await state.queue.depth(),
    filesTaken: state.seen.size,
    eventsWaitingForUpload: outbox.filter((name) => String(name).endsWith('.json')).length,
  };
}
