import { describe, expect, it } from 'vitest';
import { nvrFollowBehindSeconds } from '../../../../core/cameras/nvrFollowBehind';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const report = (minutesAgo: number | null) => ({ upTo: minutesAgo === null ? null : new Date(NOW - minutesAgo * 60_000).toISOString(), waiting: 0, pulling: false, nextTryAt: null, lastPull: null });

describe('nvrFollowBehindSeconds: how far behind a camera following its NVR is', () => {
  it('is up to date within one pull’s worth (a window plus the lag) and two minutes of slack', () => {
    // 5-minute windows and a 1-minute lag: footage up to 8 minutes old is as current as pulls allow.
    expect(nvrFollowBehindSeconds(report(8), 360, NOW)).toBeNull();
  });

  it('says how far behind once the footage in hand is older than that', () => {
    expect(nvrFollowBehindSeconds(report(12), 360, NOW)).toBe(720);
  });

  it('before its first look, or from an agent that does not say how often footage is due (10 minutes assumed)', () => {
    expect(nvrFollowBehindSeconds(report(null), 360, NOW)).toBeNull();
    expect(nvrFollowBehindSeconds(report(11), undefined, NOW)).toBeNull();
    expect(nvrFollowBehindSeconds(report(13), undefined, NOW)).toBe(780);
  });
});
