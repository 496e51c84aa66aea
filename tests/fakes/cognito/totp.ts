/**
 * Time-based one-time passwords as authenticator apps make them and Cognito
 * checks them (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1 of the 30-second step
 * counter under the secret, dynamically truncated to 6 digits. The secret
 * travels as RFC 4648 base32, the way AssociateSoftwareToken's `SecretCode`
 * and an otpauth:// URI carry it. Used by the Cognito fake to verify codes and
 * by tests to type the code an app would show.
 */
import { createHmac, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const STEP_SECONDS = 30;
const DIGITS = 6;

/** A new secret in base32: 20 random bytes (160 bits, RFC 4226's recommended length) → 32 characters. */
export function newTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 as apps accept it: case, spaces and `=` padding do not matter. */
export function base32Decode(text: string): Buffer {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

/** HOTP (RFC 4226 §5.3) of one counter value: `digits` long, zero-padded. */
export function hotp(key: Buffer, counter: number, digits = DIGITS): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code an authenticator app shows for this base32 secret at `atMs` (default now); `stepOffset` -1 is the previous 30 s window. */
export function totpCode(secret: string, atMs = Date.now(), stepOffset = 0): string {
  return hotp(base32Decode(secret), Math.floor(atMs / 1000 / STEP_SECONDS) + stepOffset);
}

/** Whether `code` is the secret's code now, or in the window just before or after (RFC 6238 §5.2's allowance for clock drift). */
export function totpMatches(secret: string, code: string, atMs = Date.now()): boolean {
  return /^\d{6}$/.test(code) && [-1, 0, 1].some((offset) => totpCode(secret, atMs, offset) === code);
}

/** A 6-digit code that is none of the secret's accepted ones now: a "wrong code" that cannot pass by chance. */
export function wrongTotpCode(secret: string, atMs = Date.now()): string {
  for (let guess = 0; ; guess += 1) {
    const code = String((Number(totpCode(secret, atMs)) + 500_000 + guess) % 1_000_000).padStart(DIGITS, '0');
    if (!totpMatches(secret, code, atMs)) return code;
  }
}
