import { describe, expect, it } from 'vitest';
import { NotFoundError, PermanentError, QuotaExceededError, ReauthRequiredError, TransientError } from '../../../../core/errors';
import { classifyDriveError, translateDriveError } from '../../../../adapters/drive/classifyDriveError';

function httpError(status: number, reason?: string, headers: Record<string, string> = {}): Error {
  const error = new Error(`HTTP ${status}`) as Error & { status: number; response: unknown };
  error.status = status;
  error.response = {
    status,
    headers: new Headers(headers),
    data: reason === undefined ? {} : { error: { code: status, message: reason, errors: [{ domain: 'usageLimits', reason, message: reason }] } },
  };
  return error;
}

describe('classifyDriveError', () => {
  it.each([
    ['429', httpError(429)],
    ['403 rateLimitExceeded', httpError(403, 'rateLimitExceeded')],
    ['403 userRateLimitExceeded', httpError(403, 'userRateLimitExceeded')],
    ['500', httpError(500, 'backendError')],
    ['503', httpError(503)],
    ['ECONNRESET', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['socket hang up', new Error('socket hang up')],
  ])('retries %s', (_label, error) => {
    expect(classifyDriveError(error).retry).toBe(true);
  });

  it.each([
    ['403 downloadQuotaExceeded', httpError(403, 'downloadQuotaExceeded')],
    ['403 cannotDownloadAbusiveFile', httpError(403, 'cannotDownloadAbusiveFile')],
    ['403 insufficientFilePermissions', httpError(403, 'insufficientFilePermissions')],
    ['404', httpError(404, 'notFound')],
    ['400', httpError(400, 'invalid')],
  ])('does not retry %s', (_label, error) => {
    expect(classifyDriveError(error).retry).toBe(false);
  });

  it('reads Retry-After in seconds', () => {
    expect(classifyDriveError(httpError(429, undefined, { 'retry-after': '3' }))).toEqual({ retry: true, retryAfterMs: 3000 });
  });
});

describe('translateDriveError', () => {
  it('turns a refused refresh into ReauthRequiredError', () => {
    const error = Object.assign(new Error('invalid_grant'), { response: { status: 400, data: { error: 'invalid_grant' } } });
    expect(translateDriveError(error, {})).toBeInstanceOf(ReauthRequiredError);
  });

  it('turns abuse flags and downloading turned off into PermanentError naming the reason', () => {
    for (const reason of ['cannotDownloadAbusiveFile', 'fileNotDownloadable']) {
      const translated = translateDriveError(httpError(403, reason), { fileId: 'f1' });
      expect(translated).toBeInstanceOf(PermanentError);
      expect((translated as Error).message).toContain(reason);
    }
  });

  it('turns a download quota into QuotaExceededError, to be tried again about a day later', () => {
    const translated = translateDriveError(httpError(403, 'downloadQuotaExceeded'), { fileId: 'f1' });
    expect(translated).toBeInstanceOf(QuotaExceededError);
    expect(translated).not.toBeInstanceOf(PermanentError);
    expect((translated as QuotaExceededError).retryAfterMs).toBe(24 * 3600_000);
    expect((translated as Error).message).toContain('downloadQuotaExceeded');
  });

  it('turns 404 into NotFoundError and leaves other errors alone', () => {
    expect(translateDriveError(httpError(404, 'notFound'), {})).toBeInstanceOf(NotFoundError);
    const other = httpError(400, 'invalid');
    expect(translateDriveError(other, {})).toBe(other);
  });
});

describe('translateDriveError names what Drive said', () => {
  it('turns a daily limit, a permission and a 5xx into the taxonomy with Drive\'s reason for the API to word', () => {
    const daily = translateDriveError(httpError(403, 'dailyLimitExceeded'), { operation: 'files.list' });
    const permission = translateDriveError(httpError(403, 'insufficientFilePermissions'), {});
    const down = translateDriveError(new TransientError('files.list still failing after 6 attempts', { cause: httpError(503, 'serviceUnavailable') }), {});

    expect(daily).toBeInstanceOf(TransientError);
    expect((daily as TransientError).context).toMatchObject({ driveReason: 'dailyLimitExceeded', operation: 'files.list' });
    expect(permission).toBeInstanceOf(NotFoundError);
    expect((permission as NotFoundError).context.driveReason).toBe('insufficientFilePermissions');
    expect((down as TransientError).context.driveReason).toBe('serviceUnavailable');
  });
});
