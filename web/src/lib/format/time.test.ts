import { afterEach, describe, expect, it } from 'vitest';
import { chooseLocale } from '../i18n/locale';
import { formatAbsolute, formatCalendarDay, formatCalendarMonth, formatDay, formatDuration, formatRelative, setDisplayTimeZone, zoneFormat } from './time';
import { formatBytes } from './bytes';

const now = Date.parse('2026-11-25T10:00:00Z');

describe('formatRelative', () => {
  it('says how far ahead or behind, in the largest sensible unit', () => {
    expect(formatRelative('2026-11-25T10:04:00Z', now)).toMatch(/in 4 minutes/);
    expect(formatRelative('2026-11-25T07:00:00Z', now)).toMatch(/3 hours ago/);
    expect(formatRelative('2026-11-24T10:00:00Z', now)).toMatch(/yesterday/);
  });

  it('calls a moment in the last few seconds "just now", an imminent one "now"', () => {
    expect(formatRelative('2026-11-25T09:59:55Z', now)).toBe('just now');
    expect(formatRelative('2026-11-25T10:00:05Z', now)).toBe('now');
  });

  it('shows nothing for a timestamp it cannot read', () => {
    expect(formatRelative('not a date', now)).toBe('');
  });
});

describe('formatDuration and formatBytes', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(29)).toBe('29 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(200_000)).toBe('3 min 20 s');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(345_678_901)).toBe('346 MB');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });
});

describe('times in a chosen zone', () => {
  const at = '2026-11-25T10:00:00Z';

  it('shows an IANA zone’s local time with the zone named', () => {
    expect(formatAbsolute(at, zoneFormat('Asia/Tokyo'))).toMatch(/Nov 25, 7:00\sPM GMT\+9/);
    expect(formatAbsolute(at, zoneFormat('UTC'))).toMatch(/Nov 25, 10:00\sAM UTC/);
  });

  it('applies a fixed offset itself and names it like a browser would', () => {
    expect(formatAbsolute(at, zoneFormat('+07:00'))).toMatch(/Nov 25, 5:00\sPM GMT\+7$/);
    expect(formatAbsolute(at, zoneFormat('-0330'))).toMatch(/Nov 25, 6:30\sAM GMT-3:30$/);
    expect(formatDay('2026-11-25T20:00:00Z', zoneFormat('+07:00'))).toBe('2026-11-26');
  });

  it('uses the set zone everywhere until it is cleared, and ignores a zone the browser does not know', () => {
    setDisplayTimeZone('Asia/Tokyo');
    expect(formatAbsolute(at)).toMatch(/7:00\sPM GMT\+9/);
    expect(formatDay('2026-11-25T20:00:00Z')).toBe('2026-11-26');

    setDisplayTimeZone(null);
    expect(formatAbsolute(at)).toBe(formatAbsolute(at, zoneFormat(null)));
    expect(zoneFormat('Mars/Olympus_Mons').zone).toBe(zoneFormat(null).zone);
  });
});

describe('formatCalendarDay', () => {
  afterEach(() => chooseLocale('en'));

  it('writes a day the way each language does, the same day whatever the zone', () => {
    chooseLocale('en');
    expect(formatCalendarDay('2025-07-18')).toBe('Jul 18, 2025');
    chooseLocale('vi');
    expect(formatCalendarDay('2025-07-18')).toBe('18 thg 7, 2025');
    expect(formatCalendarDay('2025-01-01')).toBe('1 thg 1, 2025');
  });

  it('leaves text that is not a day as it is', () => {
    expect(formatCalendarDay('')).toBe('');
    expect(formatCalendarDay('18/07/2025')).toBe('18/07/2025');
  });
});

describe('formatCalendarMonth', () => {
  afterEach(() => chooseLocale('en'));

  it('writes a month the way each language does', () => {
    chooseLocale('en');
    expect(formatCalendarMonth('2026-12')).toBe('December 2026');
    chooseLocale('vi');
    expect(formatCalendarMonth('2026-12')).toBe('tháng 12 năm 2026');
  });

  it('leaves text that is not a month as it is', () => {
    expect(formatCalendarMonth('2026-13x')).toBe('2026-13x');
  });
});
