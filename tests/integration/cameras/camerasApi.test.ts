import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CamerasView } from '../../../core/api/camerasApi';
import type { ErrorBody } from '../../../core/api/errorCodes';
import { enrolNewAgent, openTwoShops } from '../../support/agentShops';
import type { ApiClient, Harness } from '../../support/localStackHarness';

const baseHeartbeat = { version: '0.1.0', hostname: 'kho-quan-7', uptimeSec: 60, disk: { usedBytes: 1, freeBytes: 1 }, queueDepth: 0, uploadBytesPerSec: 0, sources: [] };

describe('GET /api/cameras on the local stack', () => {
  let harness: Harness;
  let anonymous: ApiClient;
  let shopA: ApiClient;
  let shopB: ApiClient;

  beforeAll(async () => {
    ({ harness, anonymous, shopA, shopB } = await openTwoShops('cam'));
  });
  afterAll(() => harness.close());

  it("shows the cameras a shop's agent found and records, with health, and nothing of another shop's", async () => {
    const { agentId, agent } = await enrolNewAgent(anonymous, shopA, 'Kho Quận 7');
    const now = Date.now();
    const sent = await agent.call('POST', '/api/agent/heartbeat', {
      ...baseHeartbeat,
      cameras: [
        { cameraId: 'cam-ban-1', state: 'recording', error: null, restarts: 0, segments: 30, lastSegmentAt: new Date(now - 60_000).toISOString(), gaps: [] },
        { cameraId: 'cam-ban-2', state: 'reconnecting', error: 'ffmpeg ended: Connection refused', restarts: 7, segments: 3, lastSegmentAt: new Date(now - 20 * 60_000).toISOString(), gaps: [{ from: new Date(now - 20 * 60_000).toISOString(), to: new Date(now - 60_000).toISOString(), reason: 'no new segment for 20 s (stream stalled)' }],
          backfill: [{ from: new Date(now - 90 * 60_000).toISOString(), to: new Date(now - 80 * 60_000).toISOString(), reason: 'gap', state: 'failed', attempts: 3, segments: 0, via: null, lastError: 'the recorder at 192.168.1.10:80 refused the user name or password (401)', nextTryAt: null }] },
      ],
      discoveredCameras: [{ endpoint: 'urn:uuid:0f0e0d0c-0b0a-0908-0706-050403020100', host: '192.168.1.64', port: 80, name: 'HIKVISION', hardware: 'DS-2CD1023G0E-I', seenAt: new Date(now).toISOString() }],
    });
    expect(sent.status).toBeLessThan(300);

    const listed = await shopA.call<CamerasView>('GET', '/api/cameras');
    expect(listed.status).toBe(200);
    expect(listed.body.discovered).toEqual([expect.objectContaining({ agentId, agentName: 'Kho Quận 7', host: '192.168.1.64', port: 80, hardware: 'DS-2CD1023G0E-I' })]);
    const byId = Object.fromEntries(listed.body.cameras.map((camera) => [camera.cameraId, camera]));
    expect(byId['cam-ban-1']?.health.status).toBe('ok');
    expect(byId['cam-ban-2']?.health).toMatchObject({ status: 'offline', problems: expect.arrayContaining([expect.objectContaining({ kind: 'offline' }), expect.objectContaining({ kind: 'recording_gaps' })]) as unknown });
    expect(byId['cam-ban-2']?.health.problems[0]).toMatchObject({ kind: 'offline', error: expect.stringContaining('Connection refused') as unknown, errorCode: 'unreachable' });
    // The device's English words go out as a code the web words, with the words kept as detail.
    expect(byId['cam-ban-2']?.backfill[0]).toMatchObject({ state: 'failed', lastError: expect.stringContaining('refused') as unknown, lastErrorCode: 'wrong_password' });
    expect(byId['cam-ban-1']?.backfill).toEqual([]);

    const other = await shopB.call<CamerasView>('GET', '/api/cameras');
    expect(other.body).toEqual({ discovered: [], cameras: [] });
  });

  it('a heartbeat with a malformed camera entry is refused with the field named', async () => {
    const { agent } = await enrolNewAgent(anonymous, shopA, 'Kho 2');
    const bad = await agent.call<ErrorBody>('POST', '/api/agent/heartbeat', { ...baseHeartbeat, cameras: [{ cameraId: 'cam-1', state: 'exploded' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^cameras\.0\./);
  });

  it('needs a signed-in member', async () => {
    expect((await anonymous.call('GET', '/api/cameras')).status).toBe(401);
  });
});
