import { describe, expect, it } from 'vitest';
import { judgeWatchedTenants, type JudgeWatchedTenantsDeps } from '../../../../core/cameraHealth/judgeWatchedTenants';
import type { Agent } from '../../../../core/agents/agent';
import type { CameraHealthState } from '../../../../core/ports/cameraHealthHistory';

const NOW = Date.parse('2026-12-03T20:00:00.000Z');

function agentOf(tenantId: string): Agent {
  const at = new Date(NOW - 30_000).toISOString();
  const camera = { cameraId: 'ban-1', state: 'recording' as const, error: null, restarts: 0, segments: 1, lastSegmentAt: at, gaps: [] };
  const heartbeat = { version: '0.1.0', hostname: 'h', uptimeSec: 1, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [], cameras: [camera], at };
  return { tenantId, id: `agt_${tenantId}`, name: 'Kho', status: 'active', credentialHash: 'x', createdAt: at, enrolledAt: at, lastSeenAt: at, heartbeat, config: null };
}

/** In-memory ports: tenants named `broken*` fail to read their agents; `empty*` have no camera. */
function fakes(watched: string[]) {
  const list = new Set(watched);
  const states = new Map<string, CameraHealthState[]>();
  const deps: JudgeWatchedTenantsDeps = {
    agents: { list: (tenantId) => (tenantId.startsWith('broken') ? Promise.reject(new Error('throttled')) : Promise.resolve(tenantId.startsWith('empty') ? [] : [agentOf(tenantId)])) },
    sources: { list: () => Promise.resolve([]) },
    cameraReads: { record: () => Promise.resolve(), days: () => Promise.resolve([]) },
    history: {
      states: (tenantId) => Promise.resolve(states.get(tenantId) ?? []),
      save: (tenantId, state) => Promise.resolve(void states.set(tenantId, [state])).then(() => true),
      changes: () => Promise.resolve([]),
      dismissals: () => Promise.resolve([]),
      dismiss: () => Promise.resolve(),
    },
    watchList: {
      watch: (tenantId) => Promise.resolve(void list.add(tenantId)),
      watched: () => Promise.resolve([...list]),
      unwatch: (tenantId) => Promise.resolve(void list.delete(tenantId)),
    },
  };
  return { deps, list, states };
}

const options = { nowMs: NOW, previousMs: NOW - 60_000, heartbeatSeconds: 60, concurrency: 2, deadlineMs: Infinity, wallMs: () => 0 };

describe('judgeWatchedTenants', () => {
  it('judges every watched tenant, goes on past one that fails, and drops those with no camera', async () => {
    const { deps, list, states } = fakes(['ten_a', 'broken_b', 'empty_c', 'ten_d']);

    const result = await judgeWatchedTenants(deps, options);

    expect([result.tenants, result.cameras, result.unwatched, result.skipped]).toEqual([3, 2, 1, 0]);
    expect(result.failed.map((f) => f.tenantId)).toEqual(['broken_b']);
    expect([...states.keys()].sort()).toEqual(['ten_a', 'ten_d']);
    expect([...list].sort()).toEqual(['broken_b', 'ten_a', 'ten_d']);
  });

  it('starts no tenant after the deadline; the next run begins at another place in the list', async () => {
    const { deps } = fakes(['ten_a', 'ten_b', 'ten_c']);
    const judged: string[] = [];
    const counting = { ...deps, agents: { list: (tenantId: string) => (judged.push(tenantId), deps.agents.list(tenantId)) } };
    // Time for one tenant only: the wall clock passes the deadline after the first start.
    const oneOnly = () => {
      let wall = 0;
      return { concurrency: 1, deadlineMs: 1, wallMs: () => wall++ };
    };

    const first = await judgeWatchedTenants(counting, { ...options, ...oneOnly() });
    const next = await judgeWatchedTenants(counting, { ...options, ...oneOnly(), nowMs: NOW + 60_000 });

    expect([first.tenants, first.skipped, next.tenants, next.skipped]).toEqual([1, 2, 1, 2]);
    expect(new Set(judged).size).toBe(2);
  });
});
