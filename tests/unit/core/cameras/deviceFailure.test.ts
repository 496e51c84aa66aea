import { describe, expect, it } from 'vitest';
import { deviceFailure } from '../../../../core/cameras/deviceFailure';

describe('deviceFailure', () => {
  it('sorts the agent’s own words for a recorder or backfill failure into a code, keeping the words as detail', () => {
    const cases: [string, string][] = [
      ['the recorder at 192.168.1.64:80 refused the user name or password (401)', 'wrong_password'],
      ['nothing answered at 192.168.1.64:80: check that the recorder is on and the address is right (ETIMEDOUT)', 'unreachable'],
      ['the device at 192.168.1.64:80 does not offer its recordings (no ONVIF Profile G) (GetRecordings failed)', 'not_supported'],
      ['the recorder at 192.168.1.64:80 holds no footage for that camera and time (empty search)', 'no_footage'],
      ['the camera was removed from this agent', 'camera_removed'],
      ['no new segment for 20 s (stream stalled)', 'stream_stalled'],
      ['ffmpeg could not start: spawn ffmpeg ENOENT', 'recorder_missing'],
    ];
    for (const [text, code] of cases) expect(deviceFailure(text), text).toEqual({ code, detail: text });
  });

  it('sorts ffmpeg’s and the network’s words too', () => {
    expect(deviceFailure('ffmpeg ended: [rtsp @ 0x55d] method DESCRIBE failed: 401 Unauthorized')?.code).toBe('wrong_password');
    expect(deviceFailure('ffmpeg ended: [tcp @ 0x5] Connection to tcp://10.0.0.9:554 failed: Connection refused')?.code).toBe('unreachable');
    expect(deviceFailure('ffmpeg ended: rtsp://10.0.0.9:554/stream1: Connection timed out')?.code).toBe('unreachable');
    expect(deviceFailure('ffmpeg ended: [tcp @ 0x5] No route to host')?.code).toBe('unreachable');
    expect(deviceFailure('ffmpeg ended: rtsp://10.0.0.9/stream9: Server returned 404 Not Found')?.code).toBe('stream_not_found');
    expect(deviceFailure('ffmpeg ended (code 1)')?.code).toBe('stream_ended');
    expect(deviceFailure('ffmpeg ended: rtsp://10.0.0.9/stream1: End of file')?.code).toBe('stream_ended');
  });

  it('gives words it does not know (and old stored rows) the generic code, and nothing for no failure', () => {
    expect(deviceFailure('Kamera meldet einen Fehler')).toEqual({ code: 'device_error', detail: 'Kamera meldet einen Fehler' });
    expect(deviceFailure('unknown')).toEqual({ code: 'device_error', detail: 'unknown' });
    expect(deviceFailure(null)).toBeNull();
    expect(deviceFailure('   ')).toBeNull();
  });
});
