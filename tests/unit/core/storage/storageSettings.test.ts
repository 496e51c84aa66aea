import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { parseStorageSettingsPatch } from '../../../../core/storage/storageSettings';

function refusal(body: unknown): { field: string; message: string } {
  try {
    parseStorageSettingsPatch(body);
  } catch (error) {
    if (error instanceof ValidationError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(body)}`);
}

/** Words a shop owner cannot act on: zod's own wording leaking through. */
const jargon = /invalid key|invalid input|unrecognized|expected (object|record|number|string)|received|record/i;

describe('per-source retention override: a bad key or value is refused in plain words naming the field', () => {
  it.each([
    ['a source id with a traversal', { sources: { '../x': { footageDays: 7 } } }, 'sources.../x', /not a source id/],
    ['a source id in Vietnamese', { sources: { 'nguồn_một': { clipDays: 30 } } }, 'sources.nguồn_một', /not a source id/],
    ['a setting a source does not have', { sources: { src_a: { footage: 7 } } }, 'sources.src_a.footage', /not a retention setting.*footageDays.*clipDays/],
    ['two unknown settings', { sources: { src_a: { keepDays: 7, days: 3 } } }, 'sources.src_a.keepDays', /not a retention setting/],
    ['an override that is text', { sources: { src_a: 'x' } }, 'sources.src_a', /footageDays.*clipDays.*or null/],
    ['an override that is a list', { sources: { src_a: [7] } }, 'sources.src_a', /footageDays.*clipDays.*or null/],
    ['sources as a list', { sources: [1] }, 'sources', /source id/],
    ['footage days that are no choice', { sources: { src_a: { footageDays: 10 } } }, 'sources.src_a.footageDays', /7, 14, 30, 60, 90/],
    ['clip days as text', { sources: { src_a: { clipDays: '30' } } }, 'sources.src_a.clipDays', /30, 90, 180, 365/],
    ['an unknown retention setting for the shop', { retention: { footage: 7 } }, 'retention.footage', /not a retention setting/],
    ['an unknown top-level setting', { retentions: {} }, 'retentions', /not a storage setting/],
  ])('%s', (_kind, body, field, wording) => {
    // Act
    const { field: named, message } = refusal(body);

    // Assess
    expect(named).toBe(field);
    expect(message.startsWith(`${field}: `)).toBe(true);
    expect(message).toMatch(wording);
    expect(message).not.toMatch(jargon);
  });

  it('still takes a good override and a null that returns a source to the shop setting', () => {
    expect(parseStorageSettingsPatch({ sources: { src_a: { footageDays: 7 }, 'src-b_2': null } })).toEqual({ sources: { src_a: { footageDays: 7 }, 'src-b_2': null } });
  });
});
