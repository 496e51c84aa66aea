/**
 * A camera that takes its footage from the NVR is often one the agent cannot
 * reach (only the NVR is on the agent's network). Its periodic snapshot, which
 * the Cameras page shows and the region of interest is drawn on, then comes
 * from a frame of its newest footage on the box; a live camera that does not
 * answer sends nothing rather than an old frame posing as a snapshot.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractStill } from '../../../adapters/ffmpeg/extractStill';
import { makeLogger } from '../../../adapters/logging/logger';
import { OnvifDeviceError } from '../../../adapters/onvif/onvifDeviceError';
import { agentCameraSchema, type AgentCamera } from '../../../core/edge/agentCameraSchema';
import { CameraRequestPoller, type CameraRequestCloud } from '../../../edge-agent/cameras/cameraRequestPoller';
import { newestSegmentOf } from '../../../edge-agent/cameras/newestSegmentOf';
import { FIXTURE_VIDEO } from '../../support/eventSeeds';

const logger = makeLogger('warn', new Writable({ write: (_chunk, _encoding, done) => done() }));

const camera = (cameraId: string, capture: 'live' | 'nvr'): AgentCamera =>
  agentCameraSchema.parse({
    cameraId,
    sourceId: 'src-nvr',
    name: `Bàn ${cameraId}`,
    paused: false,
    onvif: { host: '127.0.0.1', port: 9, profileToken: 'Profile_1' },
    rtspUrl: 'rtsp://127.0.0.1:9/stream',
    username: 'admin',
    password: 'mật-khẩu',
    capture,
    nvr: capture === 'nvr' ? { host: '127.0.0.1', port: 10, username: 'admin', password: 'pw', channel: 2 } : null,
  });

/** The cloud's end as the poller sees it: no requests waiting, snapshots kept. */
function cloudKeepingSnapshots(): CameraRequestCloud & { snapshots: Map<string, Buffer> } {
  const snapshots = new Map<string, Buffer>();
  return {
    snapshots,
    cameraRequests: () => Promise.resolve({ requests: [], pollAgainSeconds: 30 }),
    answerCameraRequest: () => Promise.resolve(),
    sendCameraSnapshot: (cameraId, snapshot) => {
      snapshots.set(cameraId, Buffer.from(snapshot, 'base64'));
      return Promise.resolve();
    },
  };
}

describe('snapshots of a camera that follows its NVR', () => {
  let recordings: string;

  beforeAll(async () => {
    recordings = await mkdtemp(path.join(os.tmpdir(), 'vtrack-still-'));
    for (const cameraId of ['cam-nvr', 'cam-live']) {
      await mkdir(path.join(recordings, cameraId), { recursive: true });
      await copyFile(FIXTURE_VIDEO, path.join(recordings, cameraId, `${cameraId}_20250718_093000.mp4`));
      // A pull still being cut is hidden, and must not be taken for the newest footage.
      await writeFile(path.join(recordings, cameraId, `.${cameraId}_20250718_093500.mp4`), 'half written');
    }
  });
  afterAll(() => rm(recordings, { recursive: true, force: true }));

  it('sends a frame of the newest footage when the camera does not answer, and nothing for a live camera that does not answer', async () => {
    // Arrange
    const cloud = cloudKeepingSnapshots();
    const poller = new CameraRequestPoller({
      cloud,
      logger,
      connect: (target) => Promise.reject(new OnvifDeviceError('unreachable', `${target.host}:${target.port}`, 'connect ECONNREFUSED')),
      cameras: () => [camera('cam-nvr', 'nvr'), camera('cam-live', 'live')],
      footageStill: async (cameraId) => {
        const newest = await newestSegmentOf(recordings, cameraId);
        return newest === null ? null : extractStill('ffmpeg', newest);
      },
    });

    // Act
    await poller.pollOnce();

    // Assert: a JPEG (start and end markers) for the NVR camera only.
    const still = cloud.snapshots.get('cam-nvr');
    expect(still?.subarray(0, 2).toString('hex')).toBe('ffd8');
    expect(still?.subarray(-2).toString('hex')).toBe('ffd9');
    expect(still?.length).toBeGreaterThan(5_000);
    expect(cloud.snapshots.has('cam-live')).toBe(false);
  });

  it('finds no footage in an empty or missing folder, and takes the first frame of a file shorter than the seek', async () => {
    expect(await newestSegmentOf(recordings, 'cam-missing')).toBeNull();
    const newest = await newestSegmentOf(recordings, 'cam-nvr');
    expect(path.basename(newest ?? '')).toBe('cam-nvr_20250718_093000.mp4');

    const first = await extractStill('ffmpeg', newest ?? '', { atSec: 10_000 });

    expect(first.subarray(0, 2).toString('hex')).toBe('ffd8');
  });

  it('says which file gave no frame', async () => {
    const broken = path.join(recordings, 'broken.mp4');
    await writeFile(broken, 'not a video');

    await expect(extractStill('ffmpeg', broken)).rejects.toThrow(/broken\.mp4/);
  });
});
