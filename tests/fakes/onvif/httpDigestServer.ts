import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Server side of RFC 7616 digest (MD5, qop=auth), as cameras answer it. */
export class HttpDigestServer {
  private readonly nonces = new Set<string>();

  constructor(
    private readonly realm: string,
    private readonly credentials: () => { username: string; password: string },
  ) {}

  challenge(): string {
    const nonce = randomBytes(16).toString('hex');
    this.nonces.add(nonce);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", algorithm=MD5, stale="FALSE"`;
  }

  /** 'absent' (no Authorization), 'ok', or 'wrong'. */
  verify(req: Pick<IncomingMessage, 'method' | 'headers'>): 'absent' | 'ok' | 'wrong' {
    const header = req.headers.authorization;
    if (header === undefined || !header.startsWith('Digest ')) return 'absent';
    const fields = Object.fromEntries(
      [...header.slice(7).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)].map((m) => [m[1] ?? '', m[2] ?? m[3] ?? '']),
    );
    const { username, password } = this.credentials();
    const { nonce = '', uri = '', response = '', nc = '', cnonce = '', qop } = fields;
    if (!this.nonces.has(nonce) || fields['username'] !== username || fields['realm'] !== this.realm) return 'wrong';
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const ha1 = md5(`${username}:${this.realm}:${password}`);
    const ha2 = md5(`${req.method ?? 'GET'}:${uri}`);
    const want = qop === undefined ? md5(`${ha1}:${nonce}:${ha2}`) : md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    return want === response ? 'ok' : 'wrong';
  }
}
