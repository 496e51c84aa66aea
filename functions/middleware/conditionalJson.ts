import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { HttpRequest, HttpResult } from './httpTypes';

/** Smaller answers gain less from gzip than its own overhead costs. */
const GZIP_FROM_BYTES = 512;

/**
 * A JSON answer with an ETag (a hash of the body), or 304 Not Modified with no
 * body when the request's If-None-Match already names it: a page that polls
 * pays for a change, not for every poll. A body worth it is gzipped when the
 * client accepts gzip (a run's moving files repeat long names; the source
 * page's poll shrinks to about a fifth), under its own tag (`-gz`), as a
 * strong validator per encoding asks. The body stays out of shared caches
 * (`private`) and is checked again on every use (`no-cache`).
 */
export function conditionalJson(request: Pick<HttpRequest, 'headers'>, body: unknown): HttpResult {
  const text = JSON.stringify(body);
  const tag = createHash('sha256').update(text).digest('base64url').slice(0, 27);
  const gzip = Buffer.byteLength(text) >= GZIP_FROM_BYTES && acceptsGzip(request.headers['accept-encoding']);
  const etag = gzip ? `"${tag}-gz"` : `"${tag}"`;
  const headers = { etag, 'cache-control': 'private, no-cache', vary: 'accept-encoding' };
  if (matches(request.headers['if-none-match'], [`"${tag}"`, `"${tag}-gz"`])) return { statusCode: 304, headers };
  const json = { ...headers, 'content-type': 'application/json; charset=utf-8' };
  if (!gzip) return { statusCode: 200, headers: json, body: text };
  return { statusCode: 200, headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(text).toString('base64'), isBase64Encoded: true };
}

/** If-None-Match is `*` or a list of tags, each maybe weak (`W/"…"`); comparison is weak, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etags: readonly string[]): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => etags.includes(tag.trim().replace(/^W\//, '')));
}

/** Accept-Encoding names gzip (or `*`) without `q=0`. */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    return (coding === 'gzip' || coding === '*') && !params.some((param) => /^q=0(\.0{0,3})?$/.test(param));
  });
}
