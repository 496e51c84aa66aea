import { describe, expect, it } from 'vitest';
import type { Agent } from '../../../../core/agents/agent';
import { agentConfigFor } from '../../../../core/agents/agentConfigFor';
import { olderVersion } from '../../../../core/agents/toAgentView';
import type { Source } from '../../../../core/sources/source';

const agent: Agent = {
  tenantId: 't1', id: 'agt_a', name: 'Kho', status: 'active', credentialHash: 'ab', createdAt: '2026-12-01T00:00:00Z',
  enrolledAt: '2026-12-01T00:00:00Z', lastSeenAt: null, heartbeat: null, config: null,
};

function source(id: string, type: Source['type'], config: Source['config'], status: Source['status'] = 'idle'): Source {
  return {
    tenantId: 't1', id, type, name: id, intervalMinutes: 30, config, status, statusMessage: null, nextSyncAt: null, lastSyncAt: null,
    lastRunId: null, claim: null, totals: { files: 0, bytes: 0 }, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
  };
}

describe('agentConfigFor', () => {
  const sources = [
    source('src_b', 'local', { path: '/srv/b', agentId: 'agt_a', settleSeconds: 30 }, 'paused'),
    source('src_a', 'local', { path: '/srv/a', agentId: 'agt_a' }),
    source('src_other', 'local', { path: '/srv/other', agentId: 'agt_other' }),
    source('src_unassigned', 'local', { path: '/srv/none' }),
    source('src_drive', 'google_drive', { folderIds: ['abc'] }),
  ];

  it('hands the agent only the local folders assigned to it, in a stable order, with their pause state and settle time', () => {
    const { config } = agentConfigFor(agent, sources, 'Asia/Ho_Chi_Minh', 1_000);
    expect(config.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect(config.sources).toEqual([
      { sourceId: 'src_a', type: 'local', name: 'src_a', paused: false, config: { path: '/srv/a' }, keepOriginals: true },
      { sourceId: 'src_b', type: 'local', name: 'src_b', paused: true, config: { path: '/srv/b', settleSeconds: 30 }, keepOriginals: true },
    ]);
  });

  it('uploads a local source’s original footage unless its order settings keep clips only', () => {
    // Prepare
    const clipsOnly = source('src_c', 'local', { path: '/srv/c', agentId: 'agt_a', processing: { enabled: true, keep: 'clips_only' } } as Source['config']);

    // Act
    const { config } = agentConfigFor(agent, [...sources, clipsOnly], null, 1_000);

    // Assess
    expect(config.sources.map((entry) => [entry.sourceId, entry.keepOriginals])).toEqual([['src_a', true], ['src_b', true], ['src_c', false]]);
    expect(config.uploads.keepOriginals).toBe(false);
  });

  it('keeps the revision while the content is the same and raises it on any change, a removal included', () => {
    const first = agentConfigFor(agent, sources, null, 1_000);
    expect(first.changed).toBe(true);
    const handedOut: Agent = { ...agent, config: { hash: first.hash, revision: first.config.revision } };
    const again = agentConfigFor(handedOut, [...sources].reverse(), null, 5_000);
    expect(again).toMatchObject({ changed: false, hash: first.hash });
    expect(again.config.revision).toBe(first.config.revision);
    const removed = agentConfigFor(handedOut, sources.filter((s) => s.id !== 'src_b'), null, 500);
    expect(removed.changed).toBe(true);
    expect(removed.config.revision).toBeGreaterThan(first.config.revision);
  });

  describe('asks the agent to look for cameras on its network', () => {
    const enrolledMs = Date.parse('2026-12-01T00:00:00Z');
    const day = 86_400_000;
    const camera = {
      cameraId: 'cam-1', sourceId: 'src_cam', name: 'Bàn 1', rtspUrl: 'rtsp://10.0.0.5:554/stream1', username: 'admin', password: 'p',
      onvif: { host: '10.0.0.5', port: 80, profileToken: 'Profile_1' }, segmentSeconds: 300, schedule: [], paused: false, roi: null, nvr: null, capture: 'live' as const,
    };

    it('while a newly enrolled agent has no cameras yet, so the shop\'s first camera can be found', () => {
      // Act: the first configuration an agent pulls, an hour after enrolment, with no camera added.
      const { config } = agentConfigFor(agent, [], null, enrolledMs + 3_600_000, []);

      // Assess
      expect(config.discoverCameras).toBe(true);
      expect(config.cameras).toBeUndefined();
    });

    it('not forever: a week after enrolment an agent without cameras stops looking, until someone opens the Cameras page', () => {
      // Act
      const later = agentConfigFor(agent, [], null, enrolledMs + 8 * day, []);
      const asked = agentConfigFor(agent, [], null, enrolledMs + 8 * day, [], new Date(enrolledMs + 8 * day - 60_000).toISOString());
      const askedLongAgo = agentConfigFor(agent, [], null, enrolledMs + 8 * day, [], new Date(enrolledMs + 8 * day - 31 * 60_000).toISOString());

      // Assess
      expect(later.config.discoverCameras).toBeUndefined();
      expect(asked.config.discoverCameras).toBe(true);
      expect(asked.changed).toBe(true);
      expect(askedLongAgo.config.discoverCameras).toBeUndefined();
    });

    it('always while it records cameras, so the next one is found too', () => {
      const { config } = agentConfigFor(agent, [], null, enrolledMs + 30 * day, [camera]);

      expect(config.discoverCameras).toBe(true);
    });
  });
});

describe('olderVersion', () => {
  it('compares dotted versions part by part', () => {
    expect(olderVersion('0.9.3', '0.10.0')).toBe(true);
    expect(olderVersion('0.10.0', '0.9.3')).toBe(false);
    expect(olderVersion('0.1.0', '0.1.0')).toBe(false);
    expect(olderVersion('1', '1.0.1')).toBe(true);
  });
});
