import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { expect } from 'vitest';
import { makeLogger } from '../../../../adapters/logging/logger';
import { systemClock } from '../../../../core/ports/clock';
import { AgentRuntime } from '../../../../edge-agent/agentRuntime';
import type { AgentState } from '../../../../edge-agent/agentState';
import { createSiteProcessor } from '../../../../edge-agent/wiring';

export interface OutboxEvent {
  readonly trackingCodes: string[];
  readonly camera: string;
  readonly start: string;
}

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));

/** Processes every queued file with the agent's own site processor, then reads the events it wrote to the outbox for a source. */
export async function processQueuedFiles(state: AgentState, sourceId: string): Promise<OutboxEvent[]> {
  const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env.PATH });
  try {
    const runtime = new AgentRuntime({ clock: systemClock, logger, seen: state.seen, queue: state.queue, processor: site.processor });
    while ((await state.queue.depth()) > 0) expect(await runtime.drainOnce()).toBeGreaterThan(0);
  } finally {
    await site.close();
  }
  const folder = path.join(state.outboxDir, sourceId);
  return Promise.all((await readdir(folder)).filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as OutboxEvent));
}
