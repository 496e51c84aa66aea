import { describe, expect, it } from 'vitest';
import { editCameraSchema } from '../../../../core/cameras/cameraOnboardingSchemas';
import { ValidationError } from '../../../../core/errors';
import { parseWith } from '../../../../core/validation/parseWith';

const fieldOf = (body: unknown): string | null => {
  try {
    parseWith(editCameraSchema, body);
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
};

describe('editing a camera: what the API takes', () => {
  it('takes shop hours, an evening to midnight, a whole day, a night shift as two windows', () => {
    expect(fieldOf({ schedule: [{ days: [1, 2, 3, 4, 5, 6], start: '08:00', end: '17:30' }] })).toBeNull();
    expect(fieldOf({ schedule: [{ days: [5], start: '19:00', end: '00:00' }] })).toBeNull();
    expect(fieldOf({ schedule: [{ days: [0], start: '00:00', end: '00:00' }] })).toBeNull();
    expect(fieldOf({ schedule: [{ days: [1], start: '20:00', end: '00:00' }, { days: [2], start: '00:00', end: '06:00' }] })).toBeNull();
  });

  it('refuses hours that end before or when they start, naming the window', () => {
    expect(fieldOf({ schedule: [{ days: [1], start: '08:00', end: '17:00' }, { days: [2], start: '18:00', end: '08:00' }] })).toBe('schedule.1.end');
    expect(fieldOf({ schedule: [{ days: [1], start: '09:15', end: '09:15' }] })).toBe('schedule.0.end');
    expect(fieldOf({ schedule: [{ days: [1], start: '9:15', end: '10:00' }] })).toBe('schedule.0.start');
  });

  it('takes a file length of a minute to an hour in whole seconds', () => {
    expect(fieldOf({ segmentSeconds: 60 })).toBeNull();
    expect(fieldOf({ segmentSeconds: 3_600 })).toBeNull();
    for (const bad of [59, 3_601, 0, -300, 120.5, '300', null]) expect(fieldOf({ segmentSeconds: bad })).toBe('segmentSeconds');
  });

  it('takes a region inside the picture or null, and never a password as typed', () => {
    expect(fieldOf({ roi: null })).toBeNull();
    expect(fieldOf({ roi: { x: 0.5, y: 0.5, width: 0.5, height: 0.5 } })).toBeNull();
    expect(fieldOf({ roi: { x: 0.5, y: 0.6, width: 0.5, height: 0.5 } })).toBe('roi.height');
    expect(fieldOf({ password: 'mật khẩu' })).toBe('password');
    expect(fieldOf({ username: 'admin' })).toBe('username');
    expect(fieldOf({ probeId: 'camreq_01J' })).toBeNull();
  });
});
