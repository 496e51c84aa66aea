import { describe, expect, it } from 'vitest';
import { agentCameraSchema, type AgentCamera } from '../../../../core/edge/agentCameraSchema';
import { insideUploadWindow } from '../../../../core/edge/uploadWindows';
import { parseTimeZone } from '../../../../core/time/timeZone';
import { followStepMs, planNvrFollow, type FollowInput } from '../../../../edge-agent/cameras/planNvrFollow';

const at = (hhmmss: string) => Date.parse(`2026-03-02T${hhmmss}Z`);
const iso = (hhmmss: string) => new Date(at(hhmmss)).toISOString();

function camera(overrides: Record<string, unknown> = {}): AgentCamera {
  return agentCameraSchema.parse({
    cameraId: 'cam-1', sourceId: 'src-1', name: 'Bàn 1', paused: false,
    onvif: { host: '127.0.0.1', port: 80, profileToken: 'Profile_1' }, rtspUrl: 'rtsp://127.0.0.1/1', username: 'admin', password: 'pw',
    segmentSeconds: 300, schedule: [], capture: 'nvr', nvr: { host: '127.0.0.1', port: 8000, username: 'admin', password: 'pw', channel: 1 },
    ...overrides,
  });
}

/** One look at `now` for a camera whose footage is in hand up to `cursor` (UTC, on 2026-03-02, a Monday). */
function look(now: string, cursor: string, cam: AgentCamera, more: Partial<FollowInput> = {}) {
  const zone = parseTimeZone('UTC');
  return planNvrFollow({
    nowMs: at(now), lagMs: 60_000, minStepMs: 120_000, maxRangeMs: 12 * 3_600_000,
    cameras: [cam], ranges: [], progress: { [cam.cameraId]: { cursor: iso(cursor), footageTo: null } }, pullingId: null,
    scheduled: (c, ms) => insideUploadWindow(c.schedule, ms, zone),
    ...more,
  });
}

describe('planNvrFollow: which footage a camera that follows its NVR pulls next', () => {
  it('waits until a whole 5-minute window and the lag have passed, then asks for exactly that window', () => {
    // Prepare + Act: footage in hand up to 10:05; looks at 10:10:59 and 10:11:00.
    const early = look('10:10:59', '10:05:00', camera());
    const due = look('10:11:00', '10:05:00', camera());

    // Assess: nothing a second early; then 10:05–10:10, the cursor on the window's end.
    expect(early.added).toEqual([]);
    expect(due.added).toEqual([{ cameraId: 'cam-1', from: iso('10:05:00'), to: iso('10:10:00') }]);
    expect(due.progress['cam-1']?.cursor).toBe(iso('10:10:00'));
  });

  it('a camera first followed mid-window gets a partial first window up to the next mark, as a recorder started then would', () => {
    const plan = look('10:13:00', '10:07:30', camera());

    expect(plan.added).toEqual([{ cameraId: 'cam-1', from: iso('10:07:30'), to: iso('10:10:00') }]);
  });

  it('short segments are pulled several whole windows at a time (at least the minimum step), never splitting one', () => {
    // 50-second windows, a 2-minute minimum step: three windows (150 s) per pull.
    const cam = camera({ segmentSeconds: 50 });

    expect(followStepMs(50, 120_000)).toBe(150_000);
    expect(look('10:03:29', '10:00:00', cam).added).toEqual([]);
    expect(look('10:03:30', '10:00:00', cam).added).toEqual([{ cameraId: 'cam-1', from: iso('10:00:00'), to: iso('10:02:30') }]);
  });

  it('cuts windows at the recording schedule’s edges and passes over the hours outside it', () => {
    // Prepare: Monday 08:02–08:13 UTC only.
    const cam = camera({ schedule: [{ days: [1], start: '08:02', end: '08:13' }] });

    // Act: footage from 07:55 to 08:20 is due.
    const plan = look('08:21:00', '07:55:00', cam);

    // Assess: one range from the schedule's start to its end (the cutter splits it on the 5-minute marks); the cursor past the night.
    expect(plan.added).toEqual([{ cameraId: 'cam-1', from: iso('08:02:00'), to: iso('08:13:00') }]);
    expect(plan.progress['cam-1']?.cursor).toBe(iso('08:20:00'));
  });

  it('a paused camera’s footage is passed over whole', () => {
    const plan = look('10:11:00', '10:05:00', camera({ paused: true }));

    expect(plan.added).toEqual([]);
    expect(plan.progress['cam-1']?.cursor).toBe(iso('10:10:00'));
  });

  it('a range still waiting for the NVR grows to the newest finished window instead of another queueing behind it', () => {
    const waiting = { id: 'r-1', cameraId: 'cam-1', from: iso('10:00:00'), to: iso('10:05:00'), reason: 'follow', state: 'pending' };

    const plan = look('10:16:00', '10:05:00', camera(), { ranges: [waiting] });

    expect(plan.added).toEqual([]);
    expect(plan.extended.get('r-1')).toBe(iso('10:15:00'));
  });
});

describe('planNvrFollow: a camera that records live again', () => {
  it('gets its last partial window, up to the switch, pulled once the NVR has had the lag to write it (the recorder takes over from then)', () => {
    // Prepare: it followed the NVR up to 10:05 and records live from 10:07:20.
    const live = camera({ capture: 'live' });

    // Act
    const plan = look('10:07:20', '10:05:00', live);

    // Assess: 10:05–10:07:20, not before 10:08:20; following stops (no cursor kept).
    expect(plan.added).toEqual([{ cameraId: 'cam-1', from: iso('10:05:00'), to: iso('10:07:20'), notBeforeMs: at('10:08:20') }]);
    expect(plan.progress['cam-1']).toBeUndefined();
  });
});
