import type { Agent } from '../agents/agent';
import type { CameraReadCounters, CameraReadDay } from '../ports/cameraReadCounters';
import type { CameraHealthHistory, CameraRef } from '../ports/cameraHealthHistory';
import type { SourceRepository } from '../ports/sourceRepository';
import { assessCameraHealth, type CameraHealth } from './assessCameraHealth';
import { nextHealthState } from './nextHealthState';
import { readsFromDays } from './readsFromDays';

export interface JudgedCamera {
  readonly camera: CameraRef;
  /** What the tenant calls it: the camera id, and the agent's or source's name beside it. */
  readonly cameraName: string;
  readonly placeName: string;
  readonly health: CameraHealth;
  /** Problem kind → when it began, as recorded in its history. */
  readonly since: Readonly<Record<string, string>>;
}

export interface JudgeCameraHealthDeps {
  readonly agents: { list(tenantId: string): Promise<readonly Agent[]> };
  readonly sources: Pick<SourceRepository, 'list'>;
  readonly cameraReads: CameraReadCounters;
  readonly history: CameraHealthHistory;
}

/** Days of counters read: today, and the 8 before it (7 for the baseline, and yesterday's failures). */
const DAYS_READ = 9;

/**
 * Every camera of the tenant judged now: the cameras its agents record (from
 * their heartbeats) and every other camera whose footage was processed lately
 * (Drive and local-folder sources; only their footage is judged: decode
 * failures and the read rate against their own baseline). Each judgement that
 * changes a camera's status or problems is stored as a change in its history.
 */
export async function judgeCameraHealth(deps: JudgeCameraHealthDeps, tenantId: string, nowMs: number, heartbeatSeconds: number): Promise<readonly JudgedCamera[]> {
  const [agents, sources, days, states] = await Promise.all([
    deps.agents.list(tenantId),
    deps.sources.list(tenantId),
    deps.cameraReads.days(tenantId, new Date(nowMs - (DAYS_READ - 1) * 86_400_000).toISOString().slice(0, 10), new Date(nowMs).toISOString().slice(0, 10)),
    deps.history.states(tenantId),
  ]);
  const claimed = new Set<CameraReadDay>();
  const judged: Omit<JudgedCamera, 'since'>[] = [];
  for (const agent of agents.filter((a) => a.status === 'active')) {
    for (const { gaps, ...recorder } of agent.heartbeat?.cameras ?? []) {
      const own = days.filter((day) => day.agentId === agent.id && day.cameraId === recorder.cameraId);
      own.forEach((day) => claimed.add(day));
      judged.push({
        camera: { key: `agent:${agent.id}/${recorder.cameraId}`, cameraId: recorder.cameraId, agentId: agent.id, sourceId: own[0]?.sourceId ?? null },
        cameraName: recorder.cameraId,
        placeName: agent.name,
        health: assessCameraHealth({ nowMs, agentLastSeenAt: agent.lastSeenAt, heartbeatSeconds, recorder, gaps, ...readsFromDays(own, nowMs) }),
      });
    }
  }
  const bySource = new Map<string, CameraReadDay[]>();
  for (const day of days) {
    if (claimed.has(day)) continue;
    const key = `source:${day.sourceId}/${day.cameraId}`;
    bySource.set(key, [...(bySource.get(key) ?? []), day]);
  }
  for (const [key, own] of bySource) {
    const source = sources.find((s) => s.id === own[0]!.sourceId);
    if (source === undefined) continue;
    judged.push({
      camera: { key, cameraId: own[0]!.cameraId, agentId: null, sourceId: source.id },
      cameraName: own[0]!.cameraId,
      placeName: source.name,
      health: assessCameraHealth({ nowMs, noAgent: true, agentLastSeenAt: null, heartbeatSeconds, recorder: null, gaps: [], ...readsFromDays(own, nowMs) }),
    });
  }

  const result: JudgedCamera[] = [];
  for (const camera of judged) {
    const previous = states.find((state) => state.key === camera.camera.key) ?? null;
    const next = nextHealthState(previous, camera.camera, camera.health, nowMs, heartbeatSeconds);
    if (next.changed) await deps.history.save(tenantId, next.state, previous?.version ?? 0, next.change);
    result.push({ ...camera, since: next.state.since as Record<string, string> });
  }
  return result;
}
