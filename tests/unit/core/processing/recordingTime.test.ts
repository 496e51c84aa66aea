import { describe, expect, it } from 'vitest';
import { parseTimeZone } from '../../../../core/time/timeZone';
import { zonedTimeToUtc } from '../../../../core/time/zonedTimeToUtc';
import { parseRecordingFileName } from '../../../../core/processing/recording/parseRecordingFileName';
import { resolveRecordingStart } from '../../../../core/processing/recording/resolveRecordingStart';
import { ValidationError } from '../../../../core/errors';

const wall = { year: 2025, month: 7, day: 18, hour: 9, minute: 30, second: 0 };

describe('time zones', () => {
  it('converts a fixed offset and the equivalent IANA zone to the same UTC instant', () => {
    const expected = Date.UTC(2025, 6, 18, 2, 30, 0);
    expect(zonedTimeToUtc(wall, parseTimeZone('+07:00'))).toBe(expected);
    expect(zonedTimeToUtc(wall, parseTimeZone('+0700'))).toBe(expected);
    expect(zonedTimeToUtc(wall, parseTimeZone('Asia/Ho_Chi_Minh'))).toBe(expected);
    expect(zonedTimeToUtc(wall, parseTimeZone('-05:30'))).toBe(Date.UTC(2025, 6, 18, 15, 0, 0));
    expect(zonedTimeToUtc(wall, parseTimeZone('UTC'))).toBe(Date.UTC(2025, 6, 18, 9, 30, 0));
  });

  it('follows daylight saving time in IANA zones', () => {
    const ny = parseTimeZone('America/New_York');
    expect(zonedTimeToUtc({ ...wall, month: 1 }, ny)).toBe(Date.UTC(2025, 0, 18, 14, 30, 0));
    expect(zonedTimeToUtc(wall, ny)).toBe(Date.UTC(2025, 6, 18, 13, 30, 0));
  });

  it('rejects unknown zones with the field name', () => {
    expect(() => parseTimeZone('Mars/Olympus', '--tz')).toThrow(ValidationError);
    expect(() => parseTimeZone('+25:00')).toThrow(/out of range/);
  });
});

describe('recording start', () => {
  it('reads camera and local time from common file-name shapes', () => {
    expect(parseRecordingFileName('Cam1_20250718_093000.mp4')).toEqual({ camera: 'Cam1', wall });
    expect(parseRecordingFileName('Packing-2_2025-07-18_09-30-00.mkv')).toEqual({ camera: 'Packing-2', wall });
    expect(parseRecordingFileName('20250718093000.mp4')).toEqual({ camera: undefined, wall });
    expect(parseRecordingFileName('Cam1_20251318_093000.mp4')).toBeNull();
    expect(parseRecordingFileName('holiday.mp4')).toBeNull();
  });

  it('prefers the file name, then container metadata, and explains how to fix a file with neither', () => {
    const tz = parseTimeZone('+07:00');
    expect(resolveRecordingStart({ fileName: 'Cam1_20250718_093130.mp4', creationTime: '2030-01-01T00:00:00Z', timeZone: tz })).toEqual({
      startMs: Date.UTC(2025, 6, 18, 2, 31, 30),
      camera: 'Cam1',
      source: 'fileName',
    });
    expect(resolveRecordingStart({ fileName: 'dock_a.mp4', creationTime: '2025-07-18T02:30:00.000000Z', timeZone: tz })).toEqual({
      startMs: Date.UTC(2025, 6, 18, 2, 30, 0),
      camera: 'dock',
      source: 'metadata',
    });
    expect(() => resolveRecordingStart({ fileName: 'x.mp4', creationTime: '1970-01-01T00:00:00Z', timeZone: tz })).toThrow(/YYYYMMDD_HHMMSS/);
  });
});
