import { describe, expect, it } from 'vitest';
import { posixZoneOffsetMinutes } from '../../../../adapters/isapi/readIsapiTimeBasis';

describe('posixZoneOffsetMinutes (Hikvision /ISAPI/System/time timeZone)', () => {
  it.each([
    ['CST-7:00:00', 420],
    ['CST-8:00:00', 480],
    ['IST-5:30:00', 330],
    ['CST+5:00:00EDT01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00', -300],
    ['GMT+0:00:00', 0],
    ['UTC', null],
    ['', null],
  ])('%s is %s minutes east of UTC', (zone, minutes) => {
    expect(posixZoneOffsetMinutes(zone)).toBe(minutes);
  });
});
