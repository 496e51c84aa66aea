import { createHash, randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';

export interface DigestFetchResult {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * GET over plain HTTP with the camera's credentials: first without, then
 * answering a Digest challenge (MD5 or SHA-256, qop=auth) or a Basic one, as
 * camera snapshot URLs ask. At most `maxBytes` are read.
 */
export async function fetchWithDigest(url: string, credentials: { username: string; password: string }, options: { timeoutMs?: number; maxBytes?: number } = {}): Promise<DigestFetchResult> {
  const first = await get(url, undefined, options);
  if (first.status !== 401) return first;
  const challenges = ([] as string[]).concat(first.headers['www-authenticate'] ?? []).join(', ');
  const authorization = /Digest\s/i.test(challenges) ? digestHeader(challenges, url, credentials) : /Basic/i.test(challenges) ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}` : null;
  if (authorization === null) return first;
  return get(url, authorization, options);
}

/** The Authorization value answering a Digest challenge (MD5 or SHA-256, qop=auth) for one request. */
export function digestHeader(challenge: string, url: string, credentials: { username: string; password: string }, method = 'GET'): string {
  const digest = challenge.slice(challenge.search(/Digest\s/i) + 7);
  const fields = Object.fromEntries([...digest.matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1]?.toLowerCase() ?? '', m[2] ?? m[3] ?? '']));
  const algorithm = (fields['algorithm'] ?? 'MD5').toUpperCase() === 'SHA-256' ? 'sha256' : 'md5';
  const hash = (text: string) => createHash(algorithm).update(text).digest('hex');
  const { pathname, search } = new URL(url);
  const uri = pathname + search;
  const realm = fields['realm'] ?? '';
  const nonce = fields['nonce'] ?? '';
  const ha1 = hash(`${credentials.username}:${realm}:${credentials.password}`);
  const ha2 = hash(`${method}:${uri}`);
  const qop = fields['qop']?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
  const nc = '00000001';
  const cnonce = randomBytes(8).toString('hex');
  const response = qop === undefined ? hash(`${ha1}:${nonce}:${ha2}`) : hash(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
  const parts = [`username="${credentials.username}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`];
  if (fields['algorithm'] !== undefined) parts.push(`algorithm=${fields['algorithm']}`);
  if (qop !== undefined) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (fields['opaque'] !== undefined) parts.push(`opaque="${fields['opaque']}"`);
  return `Digest ${parts.join(', ')}`;
}

function get(url: string, authorization: string | undefined, options: { timeoutMs?: number; maxBytes?: number }): Promise<DigestFetchResult> {
  const maxBytes = options.maxBytes ?? 10 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers: authorization === undefined ? {} : { Authorization: authorization }, timeout: options.timeoutMs ?? 10_000 }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(new Error(`the answer from ${url} is larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer from ${url} within ${options.timeoutMs ?? 10_000} ms`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}
