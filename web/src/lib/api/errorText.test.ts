/**
 * Every error code the API answers with (core/api/errorCodes.ts) has a text
 * in both languages, and a Vietnamese page never shows the API's English
 * message: it shows the web's own words for the code.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../../core/api/errorCodes';
import { chooseLocale } from '../i18n/locale';
import { toApiError } from './client';
import { ERROR_TEXT } from './errorText';

afterEach(() => chooseLocale('en'));

const messages = (locale: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../messages/${locale}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

/**
 * The codes as core lists them today, read from its source (the web imports
 * core by type only): a code added there without texts here fails this test.
 */
const source = readFileSync(new URL('../../../../core/api/errorCodes.ts', import.meta.url), 'utf8');
const list = /export const errorCodes = \[([\s\S]*?)\] as const/.exec(source)?.[1] ?? '';
const errorCodes = [...list.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').matchAll(/'([a-z_]+)'/g)].map((match) => match[1] as ErrorCode);

/** Statuses the API answers each code with (functions/middleware/httpErrorHandler.ts). */
const STATUS: Record<ErrorCode, number> = {
  validation_error: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  gone: 410,
  conflict: 409,
  needs_reauth: 409,
  rate_limited: 429,
  not_configured: 503,
  unavailable: 503,
  internal: 500,
};

describe('API error texts', () => {
  it('reads the codes from core', () => {
    expect(errorCodes).toContain('validation_error');
    expect(errorCodes.length).toBeGreaterThanOrEqual(10);
  });

  it('has an English and a Vietnamese text for every code the API answers with, and they differ', () => {
    const en = messages('en');
    const vi = messages('vi');
    for (const code of errorCodes) {
      expect(typeof ERROR_TEXT[code], code).toBe('function');
      expect(en[`error_${code}`], `en error_${code}`).toEqual(expect.any(String));
      expect(vi[`error_${code}`], `vi error_${code}`).toEqual(expect.any(String));
      expect(vi[`error_${code}`], code).not.toBe(en[`error_${code}`]);
    }
  });

  it('shows the API’s own sentence on an English page', () => {
    const error = toApiError(400, { error: { code: 'validation_error', message: 'intervalMinutes: must be at least 5 minutes', field: 'intervalMinutes' } });
    expect(error.message).toBe('Must be at least 5 minutes.');
  });

  it('never shows the API’s English message on a Vietnamese page, whatever the code and field', () => {
    chooseLocale('vi');
    const english = 'Wrong email or password, the folder config.folderIds is gone';
    for (const code of errorCodes) {
      for (const field of [undefined, 'email', 'password', 'config.mapping.timeZone', 'intervalMinutes', 'config.folderIds.0', 'name']) {
        const error = toApiError(STATUS[code], { error: { code, message: english, ...(field ? { field } : {}) } });
        expect(error.code).toBe(code === 'internal' ? 'internal' : code);
        expect(error.message, `${code} ${field ?? ''}`).not.toMatch(/Wrong|folder|config|password\b/i);
        expect(error.message.length, `${code} ${field ?? ''}`).toBeGreaterThan(5);
      }
    }
  });

  it('words an email already taken and a bad time zone for the field on a Vietnamese page', () => {
    chooseLocale('vi');
    expect(toApiError(409, { error: { code: 'conflict', message: 'email already registered', field: 'email' } }).message).toMatch(/đã có tài khoản/);
    expect(toApiError(400, { error: { code: 'validation_error', message: 'unknown time zone', field: 'timeZone' } }).message).toMatch(/múi giờ/);
  });
});
