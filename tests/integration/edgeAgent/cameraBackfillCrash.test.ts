/**
 * Footage pulled from an NVR survives a power cut between a segment being
 * named and being queued: a child process pulls a range from the Hikvision
 * ISAPI fake and is killed (SIGKILL) at that step; the next start queues what
 * was named, pulls the rest, and queues nothing twice.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLogger } from '../../../adapters/logging/logger';
import { openAgentState } from '../../../edge-agent/agentState';
import { CameraBackfill } from '../../../edge-agent/cameras/cameraBackfill';
import { startFakeIsapiDevice, type FakeIsapiDevice } from '../../fakes/isapi/startFakeIsapiDevice';
import { RTSP_FIXTURE_VIDEO } from '../../fakes/rtsp/startRtspServer';
import { crashCamera, CRASH_CLOCK_START } from './support/crashCamera';
import { ManualClock } from './support/manualClock';

const CHILD = fileURLToPath(new URL('./support/cameraBackfillCrashChild.ts', import.meta.url));
const TSX = createRequire(import.meta.url).resolve('tsx');
const logger = makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() }));
const at = (hhmmss: string) => new Date(`2026-03-02T${hhmmss}Z`);

describe('footage pulled from the NVR when the power goes', () => {
  let dir: string;
  let nvr: FakeIsapiDevice;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'vtrack-backfill-crash-'));
    nvr = await startFakeIsapiDevice({ password: 'Đầu-ghi#2026', recordings: [{ trackId: '101', start: at('02:30:00'), end: at('02:31:30'), file: RTSP_FIXTURE_VIDEO }] });
  });
  afterAll(async () => {
    await nvr.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** Runs the child until it kills itself at `crashAt`; then the agent starts again on the same state and pulls what is due. */
  async function crashThenRestart(tag: string, crashAt: 'queue' | 'name', capture: 'live' | 'nvr') {
    const stateDir = path.join(dir, tag, 'state');
    const recordingsDir = path.join(dir, tag, 'recordings');
    const child = spawn(process.execPath, ['--import', TSX, CHILD, stateDir, recordingsDir, String(nvr.port), crashAt], { stdio: ['ignore', 'inherit', 'inherit'] });
    await once(child, 'exit');
    const cameraDir = path.join(recordingsDir, 'cam-mat-dien');
    const namedBeforeCut = (await readdir(cameraDir)).filter((name) => name.endsWith('.mp4') && !name.startsWith('.')).sort();
    const state = await openAgentState(stateDir);
    const queuedBeforeRestart = await state.queue.depth();
    const backfill = new CameraBackfill({ clock: new ManualClock(CRASH_CLOCK_START + 30_000), logger, queue: state.queue, recordingsDir, ffmpegPath: 'ffmpeg', cameras: () => [crashCamera(nvr.port, capture)], stateFile: path.join(stateDir, 'backfill.json'), followLagMs: 5_000, followEveryMs: 20_000 });
    await backfill.runDue();
    const names = (await readdir(cameraDir)).filter((name) => name.endsWith('.mp4') && !name.startsWith('.')).sort();
    const queued = (await state.queue.all()).map((job) => job.payload.file.name).sort();
    return { signal: child.signalCode, namedBeforeCut, queuedBeforeRestart, names, queued, ranges: await backfill.list() };
  }

  it('segments of a following camera all named but not yet queued are queued on the next start, once each', async () => {
    // Arrange + Act: the follow pull of 02:30:00–02:30:30 dies as it queues its first segment; the agent starts again.
    const result = await crashThenRestart('queue', 'queue', 'nvr');

    // Assess: it died there with three segments named and none queued; after the restart each of them is queued exactly once and the range is done.
    expect(result.signal).toBe('SIGKILL');
    expect(result.namedBeforeCut).toEqual(['cam-mat-dien_20260302_023000.mp4', 'cam-mat-dien_20260302_023010.mp4', 'cam-mat-dien_20260302_023020.mp4']);
    expect(result.queuedBeforeRestart).toBe(0);
    expect(result.names).toEqual(result.namedBeforeCut);
    expect(result.queued).toEqual(result.names);
    expect(result.ranges.map((r) => [r.reason, r.from.slice(11, 19), r.to.slice(11, 19), r.state, r.segments])).toEqual([['follow', '02:30:00', '02:30:30', 'done', 3]]);
  }, 60_000);

  it('a gap being filled that dies between naming two segments keeps the named one and pulls the rest, nothing queued twice', async () => {
    // Arrange + Act: the gap 02:30:00–02:30:30 dies after its first segment is named; the agent starts again.
    const result = await crashThenRestart('name', 'name', 'live');

    // Assess: one named before the cut; afterwards all three, each queued once, the gap filled.
    expect(result.signal).toBe('SIGKILL');
    expect(result.namedBeforeCut).toEqual(['cam-mat-dien_20260302_023000.mp4']);
    expect(result.names).toEqual(['cam-mat-dien_20260302_023000.mp4', 'cam-mat-dien_20260302_023010.mp4', 'cam-mat-dien_20260302_023020.mp4']);
    expect(result.queued).toEqual(result.names);
    expect(result.ranges.map((r) => [r.reason, r.state, r.segments])).toEqual([['gap', 'done', 3]]);
  }, 60_000);
});
