import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResult } from './httpTypes';

/**
 * A JSON answer with an ETag (a hash of the body), or 304 Not Modified with no
 * body when the request's If-None-Match already names it: a page that polls
 * pays for a change, not for every poll. The body stays out of shared caches
 * (`private`) and is checked again on every use (`no-cache`).
 */
export function conditionalJson(request: Pick<HttpRequest, 'headers'>, body: unknown): HttpResult {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (matches(request.headers['if-none-match'], etag)) return { statusCode: 304, headers };
  return { statusCode: 200, headers: { ...headers, 'content-type': 'application/json; charset=utf-8' }, body: text };
}

/** If-None-Match is `*` or a list of tags, each maybe weak (`W/"…"`); comparison is weak, as RFC 9110 asks for GET. */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
