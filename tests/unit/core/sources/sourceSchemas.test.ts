import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { createSourceSchema, updateSourceSchema } from '../../../../core/sources/sourceSchemas';
import { parseWith } from '../../../../core/validation/parseWith';

const drive = { type: 'google_drive', name: ' Station 1 ', intervalMinutes: 15, config: { folderIds: ['1a-B_c'] } };

function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  throw new Error('expected a ValidationError');
}

describe('createSourceSchema', () => {
  it('accepts each source type with its own config and trims the name', () => {
    expect(parseWith(createSourceSchema, drive)).toMatchObject({ name: 'Station 1' });
    expect(parseWith(createSourceSchema, { type: 'onvif', name: 'NVR', intervalMinutes: 5, config: { address: '192.0.2.10:8080' } }).type).toBe('onvif');
    expect(parseWith(createSourceSchema, { type: 'local', name: 'Share', intervalMinutes: 1440, config: { path: 'D:\\exports' } }).type).toBe('local');
  });

  it.each([
    [{ ...drive, type: 'ftp' }, 'type'],
    [{ ...drive, name: '   ' }, 'name'],
    [{ ...drive, name: 'x'.repeat(101) }, 'name'],
    [{ ...drive, intervalMinutes: 4 }, 'intervalMinutes'],
    [{ ...drive, intervalMinutes: 1441 }, 'intervalMinutes'],
    [{ ...drive, intervalMinutes: null }, 'intervalMinutes'],
    [{ ...drive, config: { folderIds: ['../etc'] } }, 'config.folderIds.0'],
    [{ ...drive, config: { folderIds: ['ok'], extra: true } }, 'config'],
    [{ type: 'onvif', name: 'N', intervalMinutes: 5, config: { address: 'http://cam/' } }, 'config.address'],
    [{ ...drive, owner: 'x' }, ''],
  ])('names the field at fault for %j', (input, field) => {
    const at = fieldOf(() => parseWith(createSourceSchema, input));
    if (field === '') expect(at).toBeTruthy();
    else expect(at).toBe(field);
  });

  it('says "body" when there is no body at all', () => {
    expect(fieldOf(() => parseWith(createSourceSchema, undefined))).toBe('body');
  });
});

describe('updateSourceSchema', () => {
  it('refuses an empty patch', () => {
    expect(() => parseWith(updateSourceSchema, {})).toThrow(ValidationError);
  });

  it('accepts pausing alone', () => {
    expect(parseWith(updateSourceSchema, { paused: true })).toEqual({ paused: true });
  });
});
