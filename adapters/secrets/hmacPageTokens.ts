import { createHmac, timingSafeEqual } from 'node:crypto';
import { ValidationError } from '../../core/errors';
import type { PageTokenBinding, PageTokens } from '../../core/ports/pageTokens';

const VERSION = 'p1';
/** Longest token accepted; anything longer is refused before any work. */
const MAX_TOKEN_LENGTH = 4096;

/**
 * Page tokens as `p1.<inner, base64url>.<HMAC-SHA256, base64url>`, the MAC
 * taken over the binding and the inner token with a server key. The key is
 * loaded once, on first use (from a local key file, or Secrets Manager in AWS).
 */
export class HmacPageTokens implements PageTokens {
  private key: Promise<Uint8Array> | undefined;

  constructor(private readonly loadKey: () => Promise<Uint8Array>) {}

  async seal(inner: string | null, binding: PageTokenBinding): Promise<string | null> {
    if (inner === null) return null;
    const body = Buffer.from(inner, 'utf8').toString('base64url');
    return `${VERSION}.${body}.${this.mac(await this.keyOnce(), binding, body).toString('base64url')}`;
  }

  async open(token: string | null | undefined, binding: PageTokenBinding): Promise<string | undefined> {
    if (token === null || token === undefined) return undefined;
    const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
    const [version, body, mac] = parts;
    if (parts.length !== 3 || version !== VERSION || body === undefined || mac === undefined || !/^[A-Za-z0-9_-]+$/.test(body + mac)) {
      throw invalid();
    }
    const expected = this.mac(await this.keyOnce(), binding, body);
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    return Buffer.from(body, 'base64url').toString('utf8');
  }

  private keyOnce(): Promise<Uint8Array> {
    this.key ??= this.loadKey().catch((error: unknown) => {
      this.key = undefined;
      throw error;
    });
    return this.key;
  }

  private mac(key: Uint8Array, binding: PageTokenBinding, body: string): Buffer {
    // JSON keeps the parts apart: ['a.b', 'c'] and ['a', 'b.c'] bind differently.
    return createHmac('sha256', key).update(JSON.stringify([VERSION, ...binding])).update('\n').update(body).digest();
  }
}

function invalid(): ValidationError {
  return new ValidationError('pageToken', 'pageToken: is not a page token this listing handed out; start again from the first page');
}
