import { describe, expect, it } from 'vitest';
import { assessCameraHealth, type CameraHealthInput, type HourlyReads } from '../../../../core/cameraHealth/assessCameraHealth';

const NOW = Date.parse('2026-12-03T10:00:00Z');
const HOUR = 3_600_000;

/** A shop open 8 hours a day for `days` days before now, reading `perHour(dayIndex)` codes an hour. */
function shopHours(days: number, perHour: (daysAgo: number) => number): HourlyReads[] {
  const hours: HourlyReads[] = [];
  for (let d = 0; d < days; d++) for (let h = 1; h <= 8; h++) hours.push({ hourStart: new Date(NOW - d * 24 * HOUR - h * HOUR).toISOString(), codes: perHour(d), recordedMinutes: 60 });
  return hours;
}

const healthy: CameraHealthInput = {
  nowMs: NOW,
  agentLastSeenAt: new Date(NOW - 30_000).toISOString(),
  heartbeatSeconds: 60,
  recorder: { cameraId: 'cam-1', state: 'recording', error: null, restarts: 0, segments: 500, lastSegmentAt: new Date(NOW - 200_000).toISOString(), footageEverySeconds: 10 },
  gaps: [],
  processed24h: 96,
  decodeFailures24h: 0,
  hourly: shopHours(8, () => 40),
};

describe('assessCameraHealth', () => {
  it('a camera recording and reading as usual is ok, with its read rate and baseline', () => {
    expect(assessCameraHealth(healthy)).toEqual({ status: 'ok', problems: [], readRate: { recent: 40, baseline: 40 } });
  });

  it('a camera that now reads under half its usual codes raises read_rate_drop, while a slow day within range does not', () => {
    const moved = assessCameraHealth({ ...healthy, hourly: shopHours(8, (d) => (d === 0 ? 12 : 40)) });
    expect(moved.status).toBe('warning');
    expect(moved.problems.map((p) => p.kind)).toEqual(['read_rate_drop']);
    expect(moved.problems[0]).toEqual({ kind: 'read_rate_drop', recent: 12, baseline: 40 });
    expect(assessCameraHealth({ ...healthy, hourly: shopHours(8, (d) => (d === 0 ? 25 : 40)) }).status).toBe('ok');
  });

  it('without three days of history there is no baseline and no alert', () => {
    const result = assessCameraHealth({ ...healthy, hourly: shopHours(2, (d) => (d === 0 ? 1 : 40)) });
    expect(result.readRate.baseline).toBeNull();
    expect(result.status).toBe('ok');
  });

  it('no segment for over 5 minutes is offline with the recorder error and its code; an agent that stopped reporting is offline too', () => {
    const silent = assessCameraHealth({ ...healthy, recorder: { ...healthy.recorder!, state: 'reconnecting', error: 'ffmpeg ended: Connection refused', lastSegmentAt: new Date(NOW - 10 * 60_000).toISOString() } });
    expect(silent.status).toBe('offline');
    expect(silent.problems[0]).toEqual({ kind: 'offline', since: new Date(NOW - 10 * 60_000).toISOString(), error: 'ffmpeg ended: Connection refused', errorCode: 'unreachable' });
    const agentGone = assessCameraHealth({ ...healthy, agentLastSeenAt: new Date(NOW - 10 * 60_000).toISOString() });
    expect(agentGone).toMatchObject({ status: 'offline', problems: [{ kind: 'agent_offline' }] });
  });

  it('counts silence from when the next segment was due: 5-minute segments are not offline between segments, only 5 minutes past the due one', () => {
    const fiveMinuteSegments = (minutesSinceFootageEnded: number) =>
      assessCameraHealth({ ...healthy, recorder: { ...healthy.recorder!, footageEverySeconds: 300, lastSegmentAt: new Date(NOW - minutesSinceFootageEnded * 60_000).toISOString() } });

    expect(fiveMinuteSegments(4.9).status).toBe('ok');
    expect(fiveMinuteSegments(9.5).status).toBe('ok');
    expect(fiveMinuteSegments(10.5)).toMatchObject({ status: 'offline', problems: [{ kind: 'offline' }] });
  });

  it('an older agent that does not say how often footage is due gets two default segments of grace (it reported where its last segment starts)', () => {
    const { footageEverySeconds: _unsaid, ...olderRecorder } = healthy.recorder!;
    const older = (minutesSinceSegmentStarted: number) =>
      assessCameraHealth({ ...healthy, recorder: { ...olderRecorder, lastSegmentAt: new Date(NOW - minutesSinceSegmentStarted * 60_000).toISOString() } });

    expect(older(9).status).toBe('ok');
    expect(older(16).status).toBe('offline');
  });

  it('outside shop hours and paused are not problems', () => {
    expect(assessCameraHealth({ ...healthy, recorder: { ...healthy.recorder!, state: 'off_schedule', lastSegmentAt: new Date(NOW - 12 * HOUR).toISOString() } }).status).toBe('ok');
    expect(assessCameraHealth({ ...healthy, recorder: { ...healthy.recorder!, state: 'paused' } }).status).toBe('paused');
  });

  it('repeated drops (with the last reason’s code), missing footage and undecodable segments are each named', () => {
    const gap = (minutesAgo: number, minutes: number) => ({ from: new Date(NOW - minutesAgo * 60_000).toISOString(), to: new Date(NOW - (minutesAgo - minutes) * 60_000).toISOString(), reason: 'no new segment for 20 s (stream stalled)' });
    const result = assessCameraHealth({ ...healthy, gaps: [gap(50, 1), gap(30, 1), gap(10, 1), gap(600, 10)], decodeFailures24h: 12, processed24h: 80 });
    expect(result.problems.map((p) => p.kind)).toEqual(['stream_errors', 'recording_gaps', 'decode_failures']);
    expect(result.problems[0]).toEqual({ kind: 'stream_errors', count: 3, lastReason: 'no new segment for 20 s (stream stalled)', lastReasonCode: 'stream_stalled' });
    expect(result.problems[1]).toEqual({ kind: 'recording_gaps', minutes: 13 });
    // A gap older than a day does not count.
    expect(assessCameraHealth({ ...healthy, gaps: [gap(26 * 60, 30)] }).status).toBe('ok');
  });
});

describe('assessCameraHealth for a camera no agent records', () => {
  it('judges only its footage: never offline, but a read-rate drop and undecodable footage are named', () => {
    const drive: CameraHealthInput = { ...healthy, noAgent: true, agentLastSeenAt: null, recorder: null, hourly: shopHours(8, (d) => (d === 0 ? 5 : 40)), decodeFailures24h: 4, processed24h: 20 };
    const result = assessCameraHealth(drive);
    expect(result.status).toBe('warning');
    expect(result.problems).toEqual([{ kind: 'decode_failures', count: 4 }, { kind: 'read_rate_drop', recent: 5, baseline: 40 }]);
    expect(assessCameraHealth({ ...drive, hourly: shopHours(8, () => 40), decodeFailures24h: 0 }).status).toBe('ok');
  });
});
