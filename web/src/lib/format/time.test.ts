import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './time';
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
