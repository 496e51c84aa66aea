import { readdir, readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeLogger } from '../../adapters/logging/logger';
import { ValidationError } from '../../core/errors';
import { systemClock } from '../../core/ports/clock';
import { AgentRuntime } from '../agentRuntime';
import { openAgentState, type AgentState } from '../agentState';
import { createSiteProcessor } from '../wiring';
import { AgentApiClient } from '../cloud/agentApiClient';
import { CloudLink } from '../cloud/cloudLink';
import { loadCredential, saveCredential } from '../state/credentialStore';
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
  if (args.command === 'enrol') return enrol(state, args.apiUrl ?? '', args.code ?? '', io);
  if (args.command === 'status') {
    io.stdout.write(`${JSON.stringify(await describeState(state), null, 2)}\n`);
    return 0;
  }
  return run(state, args.configFile, io, stop);
}

async function enrol(state: AgentState, apiUrl: string, code: string, io: AgentIo): Promise<number> {
  try {
    const enrolled = await AgentApiClient.enrol(apiUrl, code);
    await saveCredential(state.stateDir, { apiUrl, tenantId: enrolled.tenantId, agentId: enrolled.agentId, credential: enrolled.credential });
    io.stdout.write(`enrolled as agent ${enrolled.agentId}; start it with: vtrack-agent run --state-dir ${state.stateDir}\n`);
    return 0;
  } catch (error) {
    io.stderr.write(`vtrack-agent: enrolment failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function run(state: AgentState, configFile: string | null, io: AgentIo, stop: AbortSignal): Promise<number> {
  const logger = makeLogger(io.env['LOG_LEVEL'] ?? 'info', io.stdout);
  if (configFile !== null) {
    const outcome = await state.config.offer(await readConfigFile(configFile));
    if (outcome.kind === 'refused') logger.warn({ field: outcome.field, reason: outcome.message }, 'configuration refused; the last good one stays');
    else logger.info({ revision: outcome.config?.revision }, outcome.kind === 'applied' ? 'configuration applied' : 'configuration unchanged');
  }
  const credential = await loadCredential(state.stateDir);
  if (state.config.config === null && credential === null) {
    io.stderr.write('vtrack-agent: not enrolled and no configuration: run `vtrack-agent enrol --api <url> --code <code>` first (or give --config <file>)\n');
    return 1;
  }
  const site = await createSiteProcessor(state, { ffmpegPath: io.env['VTRACK_FFMPEG'], ffprobePath: io.env['VTRACK_FFPROBE'], searchPath: io.env['PATH'] });
  const runtime = new AgentRuntime({ clock: systemClock, logger, seen: state.seen, queue: state.queue, processor: site.processor });
  const cloud = credential === null ? null : new CloudLink(new AgentApiClient(credential.apiUrl, credential.credential), state, runtime, logger);
  try {
    if (state.config.config !== null) runtime.applyConfig(state.config.config);
    await cloud?.exchange();
    logger.info({ stateDir: state.stateDir, sources: runtime.watchedSources.length, queued: await state.queue.depth(), enrolled: credential !== null }, 'agent started');
    let nextExchangeMs = Date.now() + (state.config.config?.heartbeatSeconds ?? 60) * 1000;
    while (!stop.aborted) {
      await runtime.drainOnce(stop);
      if (cloud !== null && Date.now() >= nextExchangeMs) {
        await cloud.exchange();
        nextExchangeMs = Date.now() + (state.config.config?.heartbeatSeconds ?? 60) * 1000;
      }
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
