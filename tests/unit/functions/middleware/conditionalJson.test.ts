import { gunzipSync } from 'node:zlib';
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

describe('conditionalJson with gzip', () => {
  const big = { moving: Array.from({ length: 20 }, (_, i) => ({ relativePath: `Ghi hình quầy đóng gói buổi sáng ${i}.mp4`, bytesTransferred: i })) };

  it('gzips a body worth it for a client that accepts gzip, under its own tag, and the body unzips to the same JSON', () => {
    const plain = conditionalJson({ headers: {} }, big);
    const zipped = conditionalJson({ headers: { 'accept-encoding': 'gzip, deflate, br' } }, big);

    expect(zipped.headers).toMatchObject({ 'content-encoding': 'gzip', vary: 'accept-encoding' });
    expect(zipped.isBase64Encoded).toBe(true);
    expect(gunzipSync(Buffer.from(String(zipped.body), 'base64')).toString()).toBe(plain.body);
    expect(Buffer.from(String(zipped.body), 'base64').length).toBeLessThan(Buffer.byteLength(String(plain.body)) / 3);
    expect(zipped.headers?.etag).toBe(String(plain.headers?.etag).replace(/"$/, '-gz"'));
  });

  it('sends small bodies and clients that refuse gzip plain text', () => {
    expect(conditionalJson({ headers: { 'accept-encoding': 'gzip' } }, { a: 1 }).headers?.['content-encoding']).toBeUndefined();
    expect(conditionalJson({ headers: { 'accept-encoding': 'gzip;q=0, identity' } }, big).headers?.['content-encoding']).toBeUndefined();
    expect(conditionalJson({ headers: {} }, big).headers?.['content-encoding']).toBeUndefined();
  });

  it('answers 304 to either tag of the same body', () => {
    const zippedTag = String(conditionalJson({ headers: { 'accept-encoding': 'gzip' } }, big).headers?.etag);
    const plainTag = String(conditionalJson({ headers: {} }, big).headers?.etag);
    expect(conditionalJson({ headers: { 'if-none-match': zippedTag } }, big).statusCode).toBe(304);
    expect(conditionalJson({ headers: { 'if-none-match': plainTag, 'accept-encoding': 'gzip' } }, big).statusCode).toBe(304);
  });
});
