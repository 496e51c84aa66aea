// Pulls one range of a camera's footage from the ISAPI NVR at <port> and dies
// by SIGKILL (as in a power cut) at the step named by <crashAt>:
//   queue — the pull's segments are all named, the first is about to be queued (a `follow` range);
//   name  — the first segment is named, the second is about to be (a `gap` range).
// Usage: cameraBackfillCrashChild <stateDir> <recordingsDir> <port> <queue|name>
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { Writable } from 'node:stream';
import { makeLogger } from '../../../../adapters/logging/logger';
import { openAgentState } from '../../../../edge-agent/agentState';
import { CameraBackfill } from '../../../../edge-agent/cameras/cameraBackfill';
import { crashCamera, CRASH_CLOCK_START } from './crashCamera';

const [stateDir, recordingsDir, port, crashAt] = process.argv.slice(2);
if (stateDir === undefined || recordingsDir === undefined || port === undefined || (crashAt !== 'queue' && crashAt !== 'name')) throw new Error('usage: cameraBackfillCrashChild <stateDir> <recordingsDir> <port> <queue|name>');

const die = (): never => {
  process.kill(process.pid, 'SIGKILL');
  throw new Error('not reached');
};
const state = await openAgentState(stateDir);
if (crashAt === 'queue') {
  state.queue.enqueue = () => Promise.resolve(die());
} else {
  const rename = fs.promises.rename;
  let named = 0;
  fs.promises.rename = (from, to) => {
    if (String(to).startsWith(recordingsDir) && String(to).endsWith('.mp4') && ++named === 2) die();
    return rename(from, to);
  };
  syncBuiltinESMExports();
}
let nowMs = CRASH_CLOCK_START;
const camera = crashCamera(Number(port), crashAt === 'queue' ? 'nvr' : 'live');
const backfill = new CameraBackfill({
  clock: { now: () => new Date(nowMs) },
  logger: makeLogger('warn', new Writable({ write: (_chunk, _e, done) => done() })),
  queue: state.queue,
  recordingsDir,
  ffmpegPath: 'ffmpeg',
  cameras: () => [camera],
  stateFile: path.join(stateDir, 'backfill.json'),
  followLagMs: 5_000,
  followEveryMs: 20_000,
});
if (crashAt === 'queue') {
  // Followed from 02:30:00; 35 s later its first three 10 s windows are due.
  await backfill.runDue();
  nowMs += 30_000;
} else {
  await backfill.request({ cameraId: camera.cameraId, from: '2026-03-02T02:30:00Z', to: '2026-03-02T02:30:30Z' }, 'gap');
}
await backfill.runDue();
throw new Error('the pull finished without reaching the crash point');
