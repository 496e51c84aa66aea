import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../core/errors';
import { HmacPageTokens } from '../../../../adapters/secrets/hmacPageTokens';

const inner = Buffer.from(JSON.stringify({ pk: 'T#ten_a#S#src_1', sk: 'F#0042' })).toString('base64url');

function tokens(key = randomBytes(32)): HmacPageTokens {
  return new HmacPageTokens(() => Promise.resolve(key));
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('HMAC page tokens', () => {
  it('hands back the store token for a token sealed for the same binding, and null stays null', async () => {
    const pages = tokens();
    const sealed = await pages.seal(inner, ['files', 'ten_a', 'src_1', '']);

    expect(sealed).toMatch(/^p1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await pages.open(sealed, ['files', 'ten_a', 'src_1', ''])).toBe(inner);
    expect(await pages.seal(null, ['files'])).toBeNull();
    expect(await pages.open(undefined, ['files'])).toBeUndefined();
  });

  it('refuses a token bound to another tenant, source or filter', async () => {
    const pages = tokens();
    const sealed = await pages.seal(inner, ['files', 'ten_a', 'src_1', '']);

    for (const other of [['files', 'ten_b', 'src_1', ''], ['files', 'ten_a', 'src_2', ''], ['files', 'ten_a', 'src_1', 'failed'], ['folders', 'ten_a', 'src_1', '']]) {
      expect((await refusal(pages.open(sealed, other))).field).toBe('pageToken');
    }
  });

  it('refuses an altered, truncated, forged or foreign-key token naming pageToken', async () => {
    const pages = tokens();
    const binding = ['files', 'ten_a', 'src_1', ''];
    const sealed = (await pages.seal(inner, binding)) ?? '';
    const [version, body, mac] = sealed.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ pk: 'T#ten_b#S#src_9', sk: 'F#0001' })).toString('base64url');
    const flipped = `${mac?.[0] === 'A' ? 'B' : 'A'}${mac?.slice(1) ?? ''}`;

    for (const bad of [
      `${version}.${forgedBody}.${mac}`,
      `${version}.${body}.${flipped}`,
      `${version}.${body}.${mac?.slice(0, 8)}`,
      `${version}.${body}`,
      inner,
      'garbage',
      '',
      `${version}.${body}.${mac}.extra`,
      'p1.%%%.***',
      'x'.repeat(5000),
      (await tokens().seal(inner, binding)) ?? '',
    ]) {
      expect((await refusal(pages.open(bad, binding))).field).toBe('pageToken');
    }
  });

  it('loads the key once, and tries again after a failed load', async () => {
    let loads = 0;
    const key = randomBytes(32);
    const pages = new HmacPageTokens(() => {
      loads += 1;
      return loads === 1 ? Promise.reject(new Error('extension not ready')) : Promise.resolve(key);
    });

    await expect(pages.seal(inner, ['x'])).rejects.toThrow('extension not ready');
    const sealed = await pages.seal(inner, ['x']);
    await pages.open(sealed, ['x']);

    expect(loads).toBe(2);
  });
});
