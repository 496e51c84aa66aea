/**
 * A camera's settings edited in the web app reach a running agent without a
 * restart: the next configuration's region of interest is what on-site
 * processing reads (a label outside it is not found, inside it is), its
 * recording hours start a recorder that was off schedule, and a new footage
 * file length replaces the recorder.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import type { AgentCamera } from '../../../core/edge/agentCameraSchema';
import type { AgentConfig } from '../../../core/edge/agentConfigSchema';
import { cameraAgentConfig } from './support/cameraAgentConfig';
import { systemClock } from '../../../core/ports/clock';
import { AgentRuntime } from '../../../edge-agent/agentRuntime';
import { openAgentState, type AgentState } from '../../../edge-agent/agentState';
import { CameraRuntime } from '../../../edge-agent/cameras/cameraRuntime';
import { fingerprintFile } from '../../../edge-agent/watcher/fingerprintFile';
import { createSiteProcessor } from '../../../edge-agent/wiring';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';

const quiet = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const CAMERA_ID = 'ban-dong-goi-2';
const SOURCE_ID = 'src_camera_2';

function configWith(camera: Partial<AgentCamera>, revision: number): AgentConfig {
  return cameraAgentConfig([{ cameraId: CAMERA_ID, sourceId: SOURCE_ID, name: 'Bàn đóng gói 2', paused: false, onvif: { host: '127.0.0.1', port: 80, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1:9/stream1', username: 'admin', password: 'pw', segmentSeconds: 300, schedule: [], ...camera }], revision);
}

describe('camera settings applied by a running agent', () => {
  let dir: string;
  let state: AgentState;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-camlive-'));
    state = await openAgentState(path.join(dir, 'state'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Queues a recorded segment as the recorder does: the first 8 s of the fixture (SPXVN417776317 at the top right, 3 s in). */
  async function queueSegment(name: string, clip: string): Promise<void> {
    const folder = path.join(dir, 'recordings', CAMERA_ID);
    await mkdir(folder, { recursive: true });
    const absolutePath = path.join(folder, name);
    await copyFile(clip, absolutePath);
    const fingerprint = await fingerprintFile(absolutePath, (await stat(absolutePath)).size);
    await state.queue.enqueue({ kind: 'process', sourceId: SOURCE_ID, cameraId: CAMERA_ID, timeZone: 'UTC', relativePath: `${CAMERA_ID}/${name}`, file: { absolutePath, name, fingerprint } }, new Date());
  }

  async function codesFound(): Promise<string[]> {
    const folder = path.join(state.outboxDir, SOURCE_ID);
    const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.json'));
    const events = await Promise.all(names.map(async (name) => JSON.parse(await readFile(path.join(folder, name), 'utf8')) as { trackingCodes: string[] }));
    return events.flatMap((event) => event.trackingCodes);
  }

  it('reads only inside the region of interest of the configuration it was last given', async () => {
    const clip = path.join(dir, 'first-8s.mp4');
    await promisify(execFile)('ffmpeg', ['-loglevel', 'error', '-i', RTSP_FIXTURE_VIDEO, '-t', '8', '-c', 'copy', clip]);
    const site = await createSiteProcessor(state, { ffmpegPath: undefined, ffprobePath: undefined, searchPath: process.env.PATH });
    try {
      const runtime = new AgentRuntime({ clock: systemClock, logger: quiet, seen: state.seen, queue: state.queue, processor: site.processor });
      // The bottom left of the picture: the label is elsewhere, so nothing is read.
      runtime.applyConfig(configWith({ roi: { x: 0, y: 0.55, width: 0.4, height: 0.4 } }, 1));
      await queueSegment(`${CAMERA_ID}_20260105_010000.mp4`, clip);
      expect(await runtime.drainOnce()).toBe(1);
      expect(await codesFound()).toEqual([]);

      // The region is redrawn around the label; the same runtime, two hours of footage later.
      runtime.applyConfig(configWith({ roi: { x: 0.55, y: 0.05, width: 0.43, height: 0.45 } }, 2));
      await queueSegment(`${CAMERA_ID}_20260105_030000.mp4`, clip);
      expect(await runtime.drainOnce()).toBe(1);
      expect(await codesFound()).toEqual(['SPXVN417776317']);
    } finally {
      await site.close();
    }
  });

  it('starts recording when new hours cover now, and replaces the recorder for a new file length', async () => {
    const lines: { msg: string; cameraId?: string; reason?: string; segmentSeconds?: number }[] = [];
    const logger = makeLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => { lines.push(JSON.parse(chunk.toString()) as (typeof lines)[number]); done(); } }));
    // Sunday 20:00 UTC is Monday 03:00 in Ho Chi Minh City.
    const cameras = new CameraRuntime({ clock: { now: () => new Date('2026-01-04T20:00:00Z') }, logger, queue: state.queue, recordingsDir: path.join(dir, 'recorded'), ffmpegPath: 'ffmpeg', firstBackoffMs: 60_000 });
    try {
      await cameras.applyConfig(configWith({ schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:30' }] }, 1));
      expect(cameras.cameraStates()[0]?.state).toBe('off_schedule');

      // A night shift added in the web app: recording starts at once, no restart.
      await cameras.applyConfig(configWith({ schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:30' }, { days: [1], start: '00:00', end: '06:00' }] }, 2));
      expect(cameras.cameraStates()[0]?.state).not.toBe('off_schedule');
      expect(lines.filter((line) => line.msg === 'recording').map((line) => line.segmentSeconds)).toEqual([300]);

      await cameras.applyConfig(configWith({ schedule: [{ days: [1], start: '00:00', end: '06:00' }], segmentSeconds: 600 }, 3));
      expect(lines.filter((line) => line.msg === 'stopped recording').map((line) => line.reason)).toEqual(['settings changed']);
      expect(lines.filter((line) => line.msg === 'recording').map((line) => line.segmentSeconds)).toEqual([300, 600]);
      expect(cameras.cameraStates()[0]?.state).not.toBe('off_schedule');
    } finally {
      await cameras.stop();
    }
  });
});
