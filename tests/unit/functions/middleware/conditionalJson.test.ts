import { describe, expect, it } from 'vitest';
import { conditionalJson } from '../../../../functions/middleware/conditionalJson';

describe('conditionalJson', () => {
  it('answers 200 with the body and an ETag when the request names no tag', () => {
    const result = conditionalJson({ headers: {} }, { status: 'syncing' });
    expect(result.statusCode).toBe(200);
    expect(result.body).toBe('{"status":"syncing"}');
    expect(result.headers?.etag).toMatch(/^"[\w-]+"$/);
  });

  it('answers 304 with no body when If-None-Match names the current tag, also weak or in a list', () => {
    const etag = String(conditionalJson({ headers: {} }, { a: 1 }).headers?.etag);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const result = conditionalJson({ headers: { 'if-none-match': header } }, { a: 1 });
      expect(result.statusCode).toBe(304);
      expect(result.body).toBeUndefined();
      expect(result.headers?.etag).toBe(etag);
    }
  });

  it('answers 200 with a new tag when the body changed', () => {
    const before = String(conditionalJson({ headers: {} }, { a: 1 }).headers?.etag);
    const result = conditionalJson({ headers: { 'if-none-match': before } }, { a: 2 });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.etag).not.toBe(before);
  });
});
