import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../core/errors';
import { makeOriginGuard, ORIGIN_VERIFY_HEADER } from '../../../../functions/middleware/originGuard';
import type { HttpEvent } from '../../../../functions/middleware/httpTypes';

const SECRET = 'd2f8c0b1a9e74f6a8b3c5d7e9f1a2b4c6d8e0f2a4b6c8d0e';
const event = (headers: Record<string, string>): HttpEvent => ({ routeKey: 'GET /api/health', headers, requestContext: {} }) as unknown as HttpEvent;

describe('the API answers only through CloudFront', () => {
  it('lets a request carrying CloudFront\'s secret header through', async () => {
    const guard = makeOriginGuard(() => Promise.resolve(SECRET));
    await expect(guard(event({ [ORIGIN_VERIFY_HEADER]: SECRET }))).resolves.toBeUndefined();
  });

  it.each([
    ['no header (the execute-api endpoint called directly)', {}],
    ['a wrong value of the same length', { [ORIGIN_VERIFY_HEADER]: SECRET.replace(/.$/, 'x') }],
    ['a prefix of the value', { [ORIGIN_VERIFY_HEADER]: SECRET.slice(0, 10) }],
    ['non-Latin text', { [ORIGIN_VERIFY_HEADER]: 'khóa bí mật' }],
  ])('refuses %s with a 404', async (_name, headers: Record<string, string>) => {
    const guard = makeOriginGuard(() => Promise.resolve(SECRET));
    await expect(guard(event(headers))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets everything through where no edge stands in front (local mode)', async () => {
    await expect(makeOriginGuard(null)(event({}))).resolves.toBeUndefined();
  });

  it('reads the secret once per warm function, and again after a failed read', async () => {
    // Prepare
    let reads = 0;
    const guard = makeOriginGuard(() => {
      reads += 1;
      return reads === 1 ? Promise.reject(new Error('extension not ready')) : Promise.resolve(SECRET);
    });

    // Act
    const first = await guard(event({ [ORIGIN_VERIFY_HEADER]: SECRET })).catch((error: unknown) => error);
    await guard(event({ [ORIGIN_VERIFY_HEADER]: SECRET }));
    await guard(event({ [ORIGIN_VERIFY_HEADER]: SECRET }));

    // Assess
    expect(first).toBeInstanceOf(Error);
    expect(reads).toBe(2);
  });
});
