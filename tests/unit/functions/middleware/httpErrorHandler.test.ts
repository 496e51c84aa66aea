import { Writable } from 'node:stream';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { ConflictError, ValidationError } from '../../../../core/errors';
import { makeLogger } from '../../../../adapters/logging/logger';
import { publicHttpHandler } from '../../../../functions/middleware/httpApiHandler';
import type { HttpEvent, HttpResult } from '../../../../functions/middleware/httpTypes';

function capture(): { lines: string[]; logger: ReturnType<typeof makeLogger> } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: makeLogger('info', sink) };
}

const event = (routeKey: string): HttpEvent => ({ routeKey, requestContext: {} }) as unknown as HttpEvent;
const context = {} as Context;

describe('HTTP error mapping', () => {
  it('answers a known error with its status, code, message and field', async () => {
    const { logger } = capture();
    const handler = publicHttpHandler({ 'POST /x': () => Promise.reject(new ValidationError('config.path', 'config.path: must be absolute')) }, () => logger);

    const result = (await handler(event('POST /x'), context)) as HttpResult;

    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '')).toEqual({
      error: { code: 'validation_error', message: 'config.path: must be absolute', field: 'config.path' },
    });
  });

  it('maps a conflict to 409', async () => {
    const { logger } = capture();
    const handler = publicHttpHandler({ 'POST /x': () => Promise.reject(new ConflictError('already syncing')) }, () => logger);
    expect(((await handler(event('POST /x'), context)) as HttpResult).statusCode).toBe(409);
  });

  it('turns an unexpected error into a plain 500 that leaks nothing, and logs it whole', async () => {
    const { lines, logger } = capture();
    const secret = 'connect ECONNREFUSED 10.1.2.3:5432 password=hunter2';
    const handler = publicHttpHandler({ 'GET /x': () => Promise.reject(new Error(secret)) }, () => logger);

    const result = (await handler(event('GET /x'), context)) as HttpResult;

    expect(result.statusCode).toBe(500);
    expect(result.body).not.toContain('ECONNREFUSED');
    expect(JSON.parse(result.body ?? '').error.code).toBe('internal');
    expect(lines.join('')).toContain('ECONNREFUSED');
  });

  it('redacts tokens and passwords from log lines', () => {
    const { lines, logger } = capture();
    logger.info({ token: 'eyJsecret', password: 'hunter2', body: { refreshToken: '1//abc' } }, 'careless line');
    const text = lines.join('');
    expect(text).not.toContain('eyJsecret');
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('1//abc');
  });

  it('logs an HTTP client error without the request it carried, so no bearer token is written', () => {
    const { lines, logger } = capture();
    const clientError = Object.assign(new Error('Request failed with status code 500'), {
      status: 500,
      config: { headers: { Authorization: 'Bearer ya29.secret-access-token' }, data: 'refresh_token=1//secret-refresh' },
      response: { status: 500, data: { error: 'backendError' } },
    });
    logger.error({ err: new Error('sync failed', { cause: clientError }) }, 'task failed');
    const text = lines.join('');
    expect(text).toContain('Request failed with status code 500');
    expect(text).not.toContain('ya29.secret-access-token');
    expect(text).not.toContain('1//secret-refresh');
  });
});
