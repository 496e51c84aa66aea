import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { dayWindow } from '../../../../core/events/dayWindow';
import { parseTimeZone } from '../../../../core/time/timeZone';

describe('dayWindow', () => {
  it('is the tenant\'s calendar day in UTC', () => {
    expect(dayWindow('2025-07-18', parseTimeZone('Asia/Ho_Chi_Minh'))).toEqual({ from: '2025-07-17T17:00:00.000Z', to: '2025-07-18T17:00:00.000Z' });
  });

  it('is 23 hours on a day clocks spring forward', () => {
    const { from, to } = dayWindow('2025-03-30', parseTimeZone('Europe/Berlin'));

    expect(Date.parse(to) - Date.parse(from)).toBe(23 * 3_600_000);
  });

  it.each(['2025-02-30', '18/07/2025', '2025-7-1', ''])('refuses %j naming the field', (day) => {
    expect(() => dayWindow(day, parseTimeZone('UTC'))).toThrow(ValidationError);
  });
});
