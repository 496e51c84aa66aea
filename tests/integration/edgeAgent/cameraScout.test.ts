import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { discoverOnvifDevices } from '../../../adapters/onvif/discoverOnvifDevices';
import { agentHeartbeatSchema } from '../../../core/agents/agent';
import { CameraScout } from '../../../edge-agent/cameras/cameraScout';
import { startDiscoveryResponder, type DiscoveryResponder } from '../../fakes/onvif';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
let responder: DiscoveryResponder | null = null;
afterEach(async () => {
  await responder?.stop();
  responder = null;
});

describe('CameraScout', () => {
  it('reports the cameras WS-Discovery finds in a heartbeat the cloud accepts, and forgets them when turned off', async () => {
    responder = await startDiscoveryResponder([{ xaddrs: ['http://192.168.1.64:8000/onvif/device_service'], scopes: ['onvif://www.onvif.org/name/Camera%20B%C3%A0n%201', 'onvif://www.onvif.org/hardware/IPC-HFW1230S'] }]);
    const target = { address: responder.address, port: responder.port };
    const scout = new CameraScout({ discover: (options) => discoverOnvifDevices({ ...options, interfaces: ['127.0.0.1'], target, timeoutMs: 300 }), logger, now: () => Date.parse('2026-12-03T09:00:00Z') });
    scout.setEnabled(true);
    await scout.scanNow();
    expect(scout.discovered).toEqual([{ endpoint: expect.stringMatching(/^urn:uuid:/) as unknown, host: '127.0.0.1', port: 8000, name: 'Camera Bàn 1', hardware: 'IPC-HFW1230S', seenAt: '2026-12-03T09:00:00.000Z' }]);

    const heartbeat = agentHeartbeatSchema.parse({
      version: '0.1.0',
      hostname: 'shop-pc',
      uptimeSec: 5,
      disk: { usedBytes: 0, freeBytes: 1 },
      queueDepth: 0,
      uploadBytesPerSec: 0,
      sources: [],
      cameras: [{ cameraId: 'cam-1', state: 'reconnecting', error: 'ffmpeg ended: Connection refused', restarts: 2, segments: 10, lastSegmentAt: '2026-12-03T08:59:00.000Z', gaps: [{ from: '2026-12-03T08:59:10.000Z', to: '2026-12-03T08:59:40.000Z', reason: 'no new segment for 20 s (stream stalled)' }] }],
      discoveredCameras: scout.discovered,
    });
    expect(heartbeat.discoveredCameras).toHaveLength(1);

    scout.setEnabled(false);
    expect(scout.discovered).toEqual([]);
  });
});
