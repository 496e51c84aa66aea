import { describe, expect, it } from 'vitest';
import type { CameraHealth } from '../../../../core/cameraHealth/assessCameraHealth';
import { healthAlerts, raisedAlerts } from '../../../../core/cameraHealth/healthAlerts';
import { nextHealthState } from '../../../../core/cameraHealth/nextHealthState';
import { readsFromDays } from '../../../../core/cameraHealth/readsFromDays';
import type { CameraRef } from '../../../../core/ports/cameraHealthHistory';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const MIN = 60_000;
const camera: CameraRef = { key: 'agent:agt_1/ban-1', cameraId: 'ban-1', agentId: 'agt_1', sourceId: null };
const ok: CameraHealth = { status: 'ok', problems: [], readRate: { recent: 40, baseline: 40 } };
const offline = (lastSegmentMinutesAgo: number): CameraHealth => ({
  status: 'offline',
  problems: [{ kind: 'offline', since: new Date(NOW - lastSegmentMinutesAgo * MIN).toISOString(), error: 'Connection refused' }],
  readRate: { recent: null, baseline: null },
});

describe('nextHealthState', () => {
  it('a first judgement that is ok stores the state and no change', () => {
    const next = nextHealthState(null, camera, ok, NOW, 60);
    expect([next.changed, next.change, next.state.status, next.state.version]).toEqual([true, null, 'ok', 1]);
  });

  it('going offline is one change dated from the last segment plus the threshold; the same state again is no change', () => {
    const first = nextHealthState(null, camera, ok, NOW - 60 * MIN, 60).state;
    const down = nextHealthState(first, camera, offline(20), NOW, 60);
    expect(down.change).toEqual({ at: new Date(NOW - 15 * MIN).toISOString(), camera, from: 'ok', to: 'offline', began: offline(20).problems, ended: [] });
    const again = nextHealthState(down.state, camera, offline(25), NOW + 5 * MIN, 60);
    expect([again.changed, again.state.since.offline]).toEqual([false, down.state.since.offline]);
  });

  it('recovering ends the problem at the time it was seen, and a new outage is a new incident', () => {
    const first = nextHealthState(null, camera, ok, NOW - 60 * MIN, 60).state;
    const down = nextHealthState(first, camera, offline(20), NOW, 60).state;
    const up = nextHealthState(down, camera, ok, NOW + 10 * MIN, 60);
    expect(up.change).toMatchObject({ at: new Date(NOW + 10 * MIN).toISOString(), from: 'offline', to: 'ok', began: [], ended: ['offline'] });
    const downAgain = nextHealthState(up.state, camera, offline(0), NOW + 30 * MIN, 60);
    expect(downAgain.state.since.offline).not.toBe(down.since.offline);
  });

  it('an offline time from evidence is never put before the previous judgement', () => {
    const first = nextHealthState(null, camera, ok, NOW - 2 * MIN, 60).state;
    expect(nextHealthState(first, camera, offline(60), NOW, 60).change?.at).toBe(new Date(NOW - 2 * MIN).toISOString());
  });
});

describe('healthAlerts', () => {
  const judged = (health: CameraHealth, since: Record<string, string>) => ({ camera, cameraName: 'ban-1', placeName: 'Kho Quận 7', health, since });

  it('alerts a read-rate drop at once and an outage only after 30 minutes, with the incident in its id', () => {
    const drop: CameraHealth = { status: 'warning', problems: [{ kind: 'read_rate_drop', recent: 5, baseline: 40 }], readRate: { recent: 5, baseline: 40 } };
    const since = new Date(NOW - 5 * MIN).toISOString();
    expect(healthAlerts([judged(drop, { read_rate_drop: since })], NOW)).toEqual([
      { id: `agent:agt_1/ban-1|read_rate_drop|${since}`, cameraKey: camera.key, cameraName: 'ban-1', placeName: 'Kho Quận 7', sourceId: null, agentId: 'agt_1', problem: drop.problems[0], since },
    ]);
    expect(healthAlerts([judged(offline(20), { offline: new Date(NOW - 15 * MIN).toISOString() })], NOW)).toEqual([]);
    expect(healthAlerts([judged(offline(60), { offline: new Date(NOW - 55 * MIN).toISOString() })], NOW).map((a) => a.problem.kind)).toEqual(['offline']);
  });

  it('a dismissal hides that camera\'s problem only, until the problem comes back after recovering', () => {
    // Prepare: camera A offline and reading few codes, camera B offline; the tenant dismissed "A offline".
    const cameraB: CameraRef = { key: 'agent:agt_1/ban-2', cameraId: 'ban-2', agentId: 'agt_1', sourceId: null };
    const downSince = new Date(NOW - 55 * MIN).toISOString();
    const both: CameraHealth = { status: 'offline', problems: [...offline(60).problems, { kind: 'read_rate_drop', recent: 5, baseline: 40 }], readRate: { recent: 5, baseline: 40 } };
    const a = judged(both, { offline: downSince, read_rate_drop: downSince });
    const b = { ...judged(offline(60), { offline: downSince }), camera: cameraB, cameraName: 'ban-2' };
    const dismissed = [{ cameraKey: camera.key, kind: 'offline' as const, since: downSince, by: 'usr_1', at: new Date(NOW).toISOString() }];

    // Act
    const shown = healthAlerts([a, b], NOW, dismissed);

    // Assess: A's read-rate drop and B's outage still alert.
    expect(shown.map((alert) => [alert.cameraKey, alert.problem.kind])).toEqual([
      [camera.key, 'read_rate_drop'],
      [cameraB.key, 'offline'],
    ]);
    // A recovers, then goes offline again: a new incident, alerted again once it has lasted 30 minutes.
    const againSince = new Date(NOW + 60 * MIN).toISOString();
    const again = healthAlerts([judged(offline(60), { offline: againSince })], NOW + 95 * MIN, dismissed);
    expect(again.map((alert) => [alert.cameraKey, alert.problem.kind, alert.since])).toEqual([[camera.key, 'offline', againSince]]);
  });

  it('an alert is raised once: in the judgement where it first shows, not in the ones after', () => {
    // Offline for 30.5 minutes now: it began to alert half a minute ago, after the previous judgement.
    const since = new Date(NOW - 30.5 * MIN).toISOString();
    const camerasNow = [judged(offline(36), { offline: since })];
    expect(raisedAlerts(camerasNow, NOW, NOW - MIN).map((alert) => alert.problem.kind)).toEqual(['offline']);
    expect(raisedAlerts(camerasNow, NOW + MIN, NOW)).toEqual([]);
    const drop: CameraHealth = { status: 'warning', problems: [{ kind: 'read_rate_drop', recent: 5, baseline: 40 }], readRate: { recent: 5, baseline: 40 } };
    expect(raisedAlerts([judged(drop, { read_rate_drop: new Date(NOW).toISOString() })], NOW, NOW - MIN).length).toBe(1);
    expect(raisedAlerts([judged(drop, { read_rate_drop: new Date(NOW - 2 * MIN).toISOString() })], NOW, NOW - MIN)).toEqual([]);
  });

  it('stream drops and short gaps stay on the badge', () => {
    const drops: CameraHealth = { status: 'warning', problems: [{ kind: 'stream_errors', count: 4, lastReason: null }, { kind: 'recording_gaps', minutes: 9 }], readRate: { recent: null, baseline: null } };
    expect(healthAlerts([judged(drops, { stream_errors: new Date(NOW - 90 * MIN).toISOString(), recording_gaps: new Date(NOW - 90 * MIN).toISOString() })], NOW)).toEqual([]);
  });
});

describe('readsFromDays', () => {
  it('makes each day one block from its midnight, and counts failures of today and yesterday only', () => {
    const day = (d: string, codes: number, failures: number) => ({ sourceId: 's', cameraId: 'c', agentId: null, day: d, files: 10, codes, failures, footageSec: 3 * 3600 });
    const reads = readsFromDays([day('2026-12-03', 15, 2), day('2026-12-02', 120, 1), day('2026-11-30', 120, 5)], NOW);
    expect(reads.hourly[0]).toEqual({ hourStart: '2026-12-03T00:00:00.000Z', codes: 15, recordedMinutes: 180 });
    expect([reads.processed24h, reads.decodeFailures24h]).toEqual([17, 3]);
  });
});
