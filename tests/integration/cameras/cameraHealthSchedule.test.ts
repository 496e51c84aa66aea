/**
 * The scheduled health judgement (functions/cameras/cameraHealthSchedule.ts)
 * with a simulated clock, against the DynamoDB stand-in through the real
 * adapters: an agent that stops heartbeating at night is offline in its
 * camera's history within one run, with no page read; the alert is raised
 * once; recovery is recorded once; a run where nothing changed writes nothing
 * and nothing is ever scanned.
 */
import { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAgentRepository } from '../../../adapters/dynamodb/dynamoAgentRepository';
import { DynamoCameraHealthHistory } from '../../../adapters/dynamodb/dynamoCameraHealthHistory';
import { DynamoCameraHealthWatchList } from '../../../adapters/dynamodb/dynamoCameraHealthWatchList';
import { DynamoCameraReadCounters } from '../../../adapters/dynamodb/dynamoCameraReadCounters';
import { DynamoSourceRepository } from '../../../adapters/dynamodb/dynamoSourceRepository';
import { makeLogger } from '../../../adapters/logging/logger';
import type { Agent } from '../../../core/agents/agent';
import { makeHandler } from '../../../functions/cameras/cameraHealthSchedule';
import { startDynamoTables, type DynamoTables } from '../../support/dynamoTables';

const MIN = 60_000;
/** 03:00 in Hồ Chí Minh City: nobody has the app open. */
const NIGHT = Date.parse('2026-12-03T20:00:00.000Z');
const context = { getRemainingTimeInMillis: () => 50_000 } as Context;
const scheduledEvent = { source: 'aws.events', 'detail-type': 'Scheduled Event' };

describe('camera health judged on a schedule', () => {
  let tables: DynamoTables;
  const commands: string[] = [];

  beforeAll(async () => {
    tables = await startDynamoTables('camera-health-schedule');
    tables.client.middlewareStack.add(
      (next, ctx) => async (args) => {
        commands.push(ctx.commandName ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countCommands' },
    );
  });
  afterAll(() => tables.close());

  async function setUp() {
    const table = await tables.freshTable();
    let nowMs = NIGHT;
    const clock = { now: () => new Date(nowMs) };
    const logged: Record<string, unknown>[] = [];
    const logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (logged.push(JSON.parse(chunk.toString()) as Record<string, unknown>), done()) }));
    const deps = {
      clock,
      logger,
      agents: new DynamoAgentRepository(table),
      sources: new DynamoSourceRepository(table),
      cameraReads: new DynamoCameraReadCounters(table, () => clock.now()),
      cameraHealth: new DynamoCameraHealthHistory(table),
      cameraHealthWatch: new DynamoCameraHealthWatchList(table),
    };
    const handler = makeHandler(() => deps);
    const tick = async (atMs: number) => {
      nowMs = atMs;
      await handler(scheduledEvent, context);
    };
    return { deps, tick, logged, setNow: (atMs: number) => (nowMs = atMs) };
  }

  async function enrolledAgent(deps: Awaited<ReturnType<typeof setUp>>['deps'], tenantId: string, id: string, name: string): Promise<void> {
    const agent: Agent = { tenantId, id, name, status: 'pending', credentialHash: null, createdAt: new Date(NIGHT - 86_400_000).toISOString(), enrolledAt: null, lastSeenAt: null, heartbeat: null, config: null };
    await deps.agents.putWithCode(agent, { codeHash: `hash-${id}`, tenantId, agentId: id, expiresAt: new Date(NIGHT).toISOString() });
    await deps.agents.activate(tenantId, id, `cred-${id}`, new Date(NIGHT - 86_400_000).toISOString());
  }

  /** What the heartbeat route stores: the agent's report, and its tenant on the watch list when its first cameras appear. */
  async function heartbeat(deps: Awaited<ReturnType<typeof setUp>>['deps'], tenantId: string, agentId: string, atMs: number): Promise<void> {
    const at = new Date(atMs).toISOString();
    const base = { version: '0.1.0', hostname: 'kho-quan-7', uptimeSec: 600, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };
    const cameras = [{ cameraId: 'bàn-đóng-gói-1', state: 'recording' as const, error: null, restarts: 0, segments: 10, lastSegmentAt: new Date(atMs - 30_000).toISOString(), gaps: [] }];
    const before = await deps.agents.get(tenantId, agentId);
    await deps.agents.recordHeartbeat(tenantId, agentId, { ...base, cameras }, at);
    if ((before?.heartbeat?.cameras?.length ?? 0) === 0) await deps.cameraHealthWatch.watch(tenantId, at);
  }

  it('an agent that stops heartbeating is offline in the history within one run, alerts once, and its recovery is recorded once', async () => {
    // Prepare: an agent recording one camera, heartbeating every minute, judged every minute.
    const { deps, tick, logged } = await setUp();
    await enrolledAgent(deps, 'ten_kho', 'agt_q7', 'Máy kho Quận 7');
    for (let m = 0; m <= 3; m++) {
      await heartbeat(deps, 'ten_kho', 'agt_q7', NIGHT + m * MIN);
      await tick(NIGHT + m * MIN + 1_000);
    }
    expect(await deps.cameraHealth.changes('ten_kho', new Date(NIGHT - MIN).toISOString())).toEqual([]);

    // Act: the agent falls silent after its heartbeat of 20:03 (power cut); only the schedule runs.
    let wentOffline: number | null = null;
    for (let m = 4; m <= 40 && wentOffline === null; m++) {
      await tick(NIGHT + m * MIN + 1_000);
      if ((await deps.cameraHealth.changes('ten_kho', new Date(NIGHT - MIN).toISOString())).length > 0) wentOffline = m;
    }

    // Assess: three missed heartbeats after 20:03 is 20:06; seen by the first run after it (20:06:01), dated 20:06.
    expect(wentOffline).toBe(6);
    const [down, ...none] = await deps.cameraHealth.changes('ten_kho', new Date(NIGHT - MIN).toISOString());
    expect(none).toEqual([]);
    expect(down).toMatchObject({ at: new Date(NIGHT + 6 * MIN).toISOString(), from: 'ok', to: 'offline', began: [{ kind: 'agent_offline', since: new Date(NIGHT + 3 * MIN).toISOString() }], ended: [] });

    // Runs go on all night: the history does not grow, no run writes, and nothing is scanned.
    commands.length = 0;
    for (let m = 8; m <= 40; m++) await tick(NIGHT + m * MIN + 1_000);
    expect(await deps.cameraHealth.changes('ten_kho', new Date(NIGHT - MIN).toISOString())).toHaveLength(1);
    expect(new Set(commands)).toEqual(new Set(['QueryCommand']));
    // The sign-in alert shows from 30 minutes offline (20:36) and was raised by exactly one run.
    const raised = logged.filter((line) => line['msg'] === 'camera health alert raised');
    expect(raised).toEqual([expect.objectContaining({ tenantId: 'ten_kho', cameraKey: 'agent:agt_q7/bàn-đóng-gói-1', kind: 'agent_offline', since: down!.at })]);

    // The power comes back at 20:41: recovery is one change, however many runs follow.
    for (let m = 41; m <= 45; m++) {
      await heartbeat(deps, 'ten_kho', 'agt_q7', NIGHT + m * MIN);
      await tick(NIGHT + m * MIN + 1_000);
    }
    const changes = await deps.cameraHealth.changes('ten_kho', new Date(NIGHT - MIN).toISOString());
    expect(changes.map((change) => [change.from, change.to, change.began.map((p) => p.kind), change.ended])).toEqual([
      ['ok', 'offline', ['agent_offline'], []],
      ['offline', 'ok', [], ['agent_offline']],
    ]);
    expect(changes[1]?.at).toBe(new Date(NIGHT + 41 * MIN + 1_000).toISOString());
  });

  it('a tenant left with no camera is taken off the watch list; one whose camera appears during the run stays', async () => {
    const { deps, tick } = await setUp();
    await deps.cameraHealthWatch.watch('ten_empty', new Date(NIGHT - MIN).toISOString());
    await enrolledAgent(deps, 'ten_cam', 'agt_1', 'Kho Thủ Đức');
    await heartbeat(deps, 'ten_cam', 'agt_1', NIGHT);
    // Watched at the very moment the run judges (its first camera arrived meanwhile): kept.
    await deps.cameraHealthWatch.watch('ten_racing', new Date(NIGHT + 1_000).toISOString());

    await tick(NIGHT + 1_000);

    expect([...(await deps.cameraHealthWatch.watched())].sort()).toEqual(['ten_cam', 'ten_racing']);
  });

  it('a camera\'s first processed footage of a day puts its tenant on the watch list', async () => {
    const { deps, setNow } = await setUp();
    setNow(NIGHT);
    await deps.cameraReads.record({ tenantId: 'ten_drive', sourceId: 'src_1', cameraId: 'Cam1', agentId: null, unitId: 'file-1', day: '2026-12-03', codes: 40, failures: 0, footageSec: 3600 });
    expect(await deps.cameraHealthWatch.watched()).toEqual(['ten_drive']);
    await deps.cameraHealthWatch.unwatch('ten_drive', new Date(NIGHT + MIN).toISOString());
    // More footage the same day adds to the counters only.
    await deps.cameraReads.record({ tenantId: 'ten_drive', sourceId: 'src_1', cameraId: 'Cam1', agentId: null, unitId: 'file-2', day: '2026-12-03', codes: 38, failures: 0, footageSec: 3600 });
    expect(await deps.cameraHealthWatch.watched()).toEqual([]);
  });
});
